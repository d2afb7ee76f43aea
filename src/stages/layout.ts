/**
 * Layout: wrap each page's content in a Liquid layout from `templates/`.
 *
 * Jekyll habits carry over: `layout:` in front matter picks `templates/layouts/<name>.liquid`,
 * `{{ content }}`, `{{ page.title }}`, `{% include head %}` from `templates/includes/`.
 * Every output is HTML-escaped unless a template says `| raw`, so a title holding `<` or `&`
 * cannot break a page.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Liquid, type Template } from 'liquidjs'
import type { VFile } from 'vfile'
import { templateDirs, templateFiles } from '../site/theme-dirs.js'
import { pageView, siteView, type SiteContext } from '../site/views.js'
import type { ThemeView } from '../site/theme.js'
import { isOutOfSpace, type SiteWriter } from './write.js'

/** A template problem with its place in the template file. */
export interface TemplateProblem {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly reason: string
}

/** Pull `line:col` out of a LiquidJS error. */
export function templateProblem(error: unknown, fallbackFile: string): TemplateProblem {
  const e = error as { token?: { file?: string; getPosition?: () => [number, number] }; message?: string; originalError?: unknown }
  const [line, column] = e.token?.getPosition?.() ?? [1, 1]
  const file = e.token?.file ?? fallbackFile
  const reason = String(e.message ?? error).replace(/,\s*file:.*$/s, '').replace(/,\s*line:\d+, col:\d+.*$/s, '')
  return { file, line, column, reason }
}

/** The layouts of a site, parsed once per build. */
export class Layouts {
  readonly engine: Liquid
  readonly templates = new Map<string, Template[]>()
  readonly problems: TemplateProblem[] = []
  readonly dir: string
  /**
   * A hash of every template file, or undefined when a template reads the clock (Liquid's
   * `"now"` / `"today"`): then the same data does not give the same page, and no page is reused.
   */
  readonly fingerprint: string | undefined

  /**
   * Parse every layout in `<templatesDir>/layouts`, and kogi's own where the project has none of
   * that name (src/site/theme-dirs.ts); includes are looked up the same way.
   *
   * @param templatesDir The project's folder holding `layouts/` and `includes/`.
   */
  constructor(templatesDir: string) {
    this.dir = path.join(templatesDir, 'layouts')
    const dirs = templateDirs(templatesDir)
    const includes = dirs.map((d) => path.join(d, 'includes'))
    this.engine = new Liquid({
      root: includes,
      layouts: dirs.map((d) => path.join(d, 'layouts')),
      partials: includes,
      extname: '.liquid',
      jekyllInclude: true,
      outputEscape: 'escape',
      strictFilters: true,
      cache: true,
    })
    this.engine.registerFilter('relative_url', function (this: { context: { getSync: (p: string[]) => unknown } }, value: unknown) {
      const base = String(this.context.getSync(['site', 'base']) ?? '/')
      const v = String(value ?? '')
      return /^[a-z]+:|^\/\//i.test(v) ? v : base + v.replace(/^\//, '')
    })
    this.fingerprint = templatesFingerprint(templatesDir)
    for (const [name, file] of templateFiles(templatesDir, 'layouts')) {
      if (!name.endsWith('.liquid')) continue
      try {
        this.templates.set(name.replace(/\.liquid$/, ''), this.engine.parse(fs.readFileSync(file, 'utf8'), file))
      } catch (error) {
        this.problems.push(templateProblem(error, file))
      }
    }
  }

  /** Names of the layouts that parsed. */
  get names(): string[] {
    return [...this.templates.keys()].sort()
  }

  /**
   * Render a page with a layout.
   *
   * @param name Layout name from front matter.
   * @param data Template variables (`site`, `page`, `content`, `theme`).
   * @throws Error naming the layouts that exist when `name` is unknown, or a LiquidJS render error.
   */
  async render(name: string, data: Record<string, unknown>): Promise<string> {
    const template = this.templates.get(name)
    if (!template) throw new UnknownLayoutError(name, this.names)
    return this.engine.renderSync(template, data)
  }
}

function templatesFingerprint(templatesDir: string): string | undefined {
  const hash = crypto.createHash('sha256')
  for (const sub of ['layouts', 'includes']) {
    for (const [name, file] of templateFiles(templatesDir, sub)) {
      const text = fs.readFileSync(file, 'utf8')
      if (/(["'])(?:now|today)\1/.test(text)) return undefined
      hash.update(`${sub}/${name}\u0000${text}\u0000`)
    }
  }
  return hash.digest('hex')
}

/** A page asked for a layout that does not exist. */
export class UnknownLayoutError extends Error {
  constructor(name: string, known: string[]) {
    super(`unknown layout ${JSON.stringify(name)}; layouts in templates/layouts: ${known.join(', ') || '(none)'}`)
    this.name = 'UnknownLayoutError'
  }
}

/** How the layout stage runs. */
export interface LayoutOptions {
  readonly layouts: Layouts
  readonly ctx: SiteContext
  readonly theme: ThemeView
  readonly writer: SiteWriter
  /**
   * A hash of what every page's layout depends on besides the site data, the theme and its own
   * view and content (kogi itself, the templates); a page whose key is unchanged is linked from
   * the current site, not laid out. None lays out every page.
   */
  readonly reuse?: crypto.Hash | undefined
}

/**
 * The layout stage: wrap each rendered page in its layout and write it. A page that cannot be
 * laid out gets a fatal message at its `layout:` line; the others are still written.
 *
 * @param pages Page records with `data.page` and `data.content`.
 * @param options Layouts, site data, theme, writer.
 * @throws Only a full disk, which stops the whole write.
 */
export async function layoutPages(pages: Iterable<VFile>, options: LayoutOptions): Promise<void> {
  const { layouts, ctx, writer } = options
  const site = siteView(ctx)
  const reuse = options.reuse?.update(JSON.stringify([site, options.theme]))
  for (const file of pages) {
    const page = file.data.page!
    const content = file.data.content!
    const layout = page.matter.layout ?? 'default'
    try {
      const view = pageView(ctx, page)
      const key = reuse?.copy().update(JSON.stringify([layout, view])).update(content).digest('base64')
      if (key !== undefined && writer.reuse(page.outFile, key)) continue
      const html = await layouts.render(layout, { site, page: view, content, theme: options.theme })
      writer.write(page.outFile, html, key)
    } catch (error) {
      if (isOutOfSpace(error)) throw error
      const line = file.data.matterLines?.layout ?? 1
      file.message((error as Error).message, { place: { line, column: 1 }, ruleId: 'layout', source: 'kogi', cause: error as Error }).fatal = true
    }
  }
}
