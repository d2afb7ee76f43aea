/**
 * The build: sequences the stages of DESIGN.md and nothing else.
 *
 * discover → read + front matter → site model → page pipeline → site pass → layout → write
 * → report. A problem in one page is a message on that page; every other page is still
 * processed so all problems show in one run. A page with an error keeps its last good version
 * while the others are written (src/output/last-good.ts); a problem of the site as a whole
 * leaves the previous site untouched.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import type { Config } from '../config.js'
import type { PageFacts } from '../types.js'
import { discoverSite, type Found } from './discover.js'
import { unpublished } from './publish.js'
import { readSource } from './read.js'
import { readFrontMatter } from './frontmatter.js'
import { prepare } from './prepare.js'
import { buildModel, urlOf, type PageEntry, type SiteModel } from './model.js'
import { keepLastGood, onlyPageErrors, type PageSource } from '../output/last-good.js'
import type { Matter } from './frontmatter.js'
import { glossaryPages } from '../site/glossary.js'
import { renderPages } from '../speed/render-pages.js'
import { PageCache, kogiFingerprint } from '../speed/cache.js'
import { defaultWorkers } from '../speed/workers.js'
import { Layouts } from './layout.js'
import { pageView, siteView, withBase, type SiteContext } from '../site/views.js'
import { themeFiles } from '../site/theme.js'
import { withKogiTheme } from '../site/theme-dirs.js'
import { SiteWriter, isOutOfSpace, writeFailure } from './write.js'
import { checkOutDir } from '../output/out-dir.js'
import { countMessages } from './report.js'
import { favicon, writeExtras } from '../site/extras.js'
import { checkLinks } from '../site/links.js'
import { checkNotebookLinks, notebookSite } from '../site/notebook-links.js'
import { searchFilesOnThread } from '../speed/search-thread.js'
import { manifestFile, OutputManifest } from '../speed/output-manifest.js'
import { inputsKey, rememberBuild, upToDate } from '../speed/up-to-date.js'
import { Timings } from '../report/timings.js'

/** Where a build reads and writes. */
export interface BuildOptions {
  readonly config: Config
  /** Folder of lectures; default `<root>/content`. */
  readonly contentDir: string
  /** Output folder; default `<root>/_site`. */
  readonly outDir: string
  /** Folder with `layouts/` and `includes/`. */
  readonly templatesDir: string
  /** Folder copied to `/assets/`; its `kogi/` subfolder is the theme. */
  readonly assetsDir: string
  /** Paths in messages are relative to this folder; default the working folder. */
  readonly cwd?: string
  /** Render HTML comments as marked drafts instead of dropping them (preview only). */
  readonly drafts?: boolean
  /** Folder for the page cache (`.cache/kogi`); no cache when undefined. */
  readonly cacheDir?: string
  /** Worker threads for rendering pages; default one per core. */
  readonly workers?: number
  /** Called as pages are rendered, with pages done and the total. */
  readonly onProgress?: (done: number, total: number) => void
  /** Called once the new site is in place, with what it was made from (the dev server keeps it). */
  readonly onWritten?: (site: BuiltSite) => void
  /** The inputs' hash (src/speed/up-to-date.ts), when the caller took it and found the site out of date. */
  readonly inputs?: string
}

/** What a written site was made from: enough to lay out one of its pages again. */
export interface BuiltSite {
  readonly model: SiteModel
  readonly sources: readonly { rel: string; matter: Matter }[]
  /** Content HTML of every page, glossary pages included. */
  readonly contents: ReadonlyMap<PageEntry, string>
  readonly facts: ReadonlyMap<string, PageFacts>
  readonly layouts: Layouts
  /** The `theme` template variable. */
  readonly theme: Record<string, string>
}

/** What a build did. */
export interface BuildResult {
  /** Every file that carries messages: pages, templates, the content folder itself. */
  readonly files: VFile[]
  readonly pages: number
  readonly errors: number
  readonly warnings: number
  readonly formulas: number
  /** Pages whose render was taken from the page cache. */
  readonly cached: number
  readonly seconds: number
  /** Whether the new site replaced the old one. */
  readonly written: boolean
  /** Wall time of each stage. */
  readonly timings: Timings
  /** Nothing had changed since the last build: its report, and no file written. */
  readonly upToDate?: boolean
}

function messageFile(display: string): VFile {
  return new VFile({ path: display })
}

/**
 * Build the site.
 *
 * @param options Config and folders.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now()
  const timings = new Timings()
  const cwd = options.cwd ?? process.cwd()
  const display = (abs: string) => path.relative(cwd, abs) || '.'
  const { config } = options
  const siteFile = messageFile(display(options.contentDir))
  const files: VFile[] = [siteFile]
  let cached = 0
  const finish = (written: boolean, pages = 0, formulas = 0): BuildResult => ({
    files,
    pages,
    formulas,
    cached,
    written,
    timings,
    seconds: (performance.now() - started) / 1000,
    ...countMessages(files),
  })

  if (!checkOutDir({ ...options, cwd }, siteFile, display)) return finish(false)

  // Nothing changed since the last build and its site is untouched: nothing to do. The dev server
  // needs what a build made (onWritten), so it always builds.
  // The check hashes the files this build reads, found by this one walk.
  const folders = discoverSite(options.contentDir, options.assetsDir, unpublished(config))
  const inputs = options.cacheDir && !options.onWritten ? (options.inputs ?? inputsKey(options, folders)) : undefined
  const last = inputs && options.inputs === undefined && upToDate(options, inputs, started)
  if (last) return last

  const found = folders.content
  // A link not followed is reported at the link's own path: a file-system problem has no line.
  for (const p of [...found.problems, ...folders.assets.problems]) {
    const file = p.ruleId === 'content' ? siteFile : messageFile(display(p.abs))
    file.message(p.reason, { ruleId: p.ruleId, source: 'kogi' }).fatal = p.ruleId === 'content'
    if (file !== siteFile) files.push(file)
  }

  // Read every source and its front matter.
  const sources: { file: VFile; rel: string }[] = []
  for (const s of found.sources) {
    let file: VFile
    try {
      file = readSource(s.abs, display(s.abs))
    } catch (error) {
      file = new VFile({ path: display(s.abs), value: '' })
      file.message(`cannot read file: ${(error as Error).message}`, { ruleId: 'read', source: 'kogi' }).fatal = true
    }
    files.push(file)
    // A file just created and not yet written makes no page (an empty one would be listed in its course).
    if (!file.messages.some((m) => m.fatal) && String(file.value).trim() === '') {
      file.message('empty file: no page is made from it', { place: { line: 1, column: 1 }, ruleId: 'empty', source: 'kogi' })
      continue
    }
    if (!file.messages.some((m) => m.fatal)) readFrontMatter(file)
    else file.data.matter = {}
    sources.push({ file, rel: s.rel })
  }

  timings.mark('read')
  const modelSources = sources.filter((s) => !s.file.messages.some((m) => m.fatal)).map((s) => ({ rel: s.rel, matter: s.file.data.matter ?? {} }))
  const { model, clashes } = buildModel(modelSources)
  const fileOf = new Map(sources.map((s) => [s.rel, s.file]))
  // A static index.html where the generated home page would be is the author's home page, as in Jekyll.
  const staticHome = model.home.generated ? found.statics.find((s) => s.rel === 'index.html') : undefined
  if (staticHome) {
    const file = messageFile(display(staticHome.abs))
    file.message("this static page is the site's home page, as in Jekyll; kogi's own home page (the list of courses) is not written", { ruleId: 'static-home', source: 'kogi' })
    files.push(file)
  }
  for (const c of clashes) {
    fileOf.get(c.rel)!.message(`two sources map to the same URL ${c.url}: this file and ${c.other}`, { place: { line: 1, column: 1 }, ruleId: 'url-clash', source: 'kogi' }).fatal = true
  }

  // Render each page on its own (cached, on worker threads); a throw is a fatal message on that page only.
  const contents = new Map<PageEntry, string>()
  const facts = new Map<string, PageFacts>()
  let formulas = 0
  const jobs = model.pages.map((page) => {
    const file = page.generated ? new VFile({ path: display(path.join(options.contentDir, page.rel)), value: '' }) : fileOf.get(page.rel)!
    if (page.generated) {
      file.data.matter = {}
      files.push(file)
    }
    prepare(file, { drafts: options.drafts })
    return { page, file }
  })
  const cache = options.cacheDir ? new PageCache(options.cacheDir, options.contentDir, config, model) : undefined
  const rendered = await renderPages(jobs, { config, model, sources: modelSources, cache, workers: options.workers ?? defaultWorkers(), onProgress: options.onProgress })
  cached = rendered.stats.cached
  timings.mark('render')
  jobs.forEach(({ page, file }, i) => {
    const content = rendered.contents[i]
    if (content === undefined) return
    contents.set(page, content)
    facts.set(page.url, file.data.facts!)
    formulas += file.data.facts!.formulas
  })

  const fileOfPage = (page: PageEntry): VFile => (page.generated ? files.find((f) => f.path === display(path.join(options.contentDir, page.rel)))! : fileOf.get(page.rel)!)
  for (const g of glossaryPages(model, facts, config)) {
    files.push(messageFile(display(path.join(options.contentDir, g.page.rel))))
    contents.set(g.page, g.content)
    facts.set(g.page.url, g.facts)
  }

  // Every page's sections are known now (the glossary pages' too): the index is made on its own
  // thread while this one lays out, copies and checks the pages.
  const searchPages = [...contents.keys()].map((page) => ({ url: withBase(config, page.url), title: facts.get(page.url)?.title ?? page.url, sections: facts.get(page.url)?.search ?? [] }))
  const searching = searchFilesOnThread(searchPages, options.cacheDir)
  timings.mark('glossary')
  const layouts = new Layouts(options.templatesDir)
  for (const problem of layouts.problems) {
    const file = messageFile(display(problem.file))
    file.message(`template error: ${problem.reason}`, { place: { line: problem.line, column: problem.column }, ruleId: 'template', source: 'kogi' }).fatal = true
    files.push(file)
  }

  const writer = new SiteWriter(options.outDir, options.cacheDir ? new OutputManifest(manifestFile(options.cacheDir, options.outDir), path.resolve(options.outDir)) : undefined)
  try {
    const themeAssets = withKogiTheme(folders.assets.files)
    const theme = themeFiles(themeAssets)
    for (const f of theme.files) writer.write(f.rel, f.data)
    const ctx: SiteContext = { config, model, facts }
    const site = siteView(ctx)
    const icon = favicon(config, found.statics.map((s) => s.rel), themeAssets.find((f) => f.rel === 'kogi/favicon.svg')?.abs)
    if (icon.file) writer.write(icon.file.rel, icon.file.data)
    const themeView = {
      favicon: icon.url,
      css: config.base + theme.urls.css.slice(1),
      js: config.base + theme.urls.js.slice(1),
      katex: config.base + theme.urls.katexCss.slice(1),
      katexFonts: config.base + theme.urls.katexFonts.slice(1),
      vars: Object.entries(config.theme).map(([k, v]) => `${k}:${v}`).join(';'),
    }
    // A page made from the same templates, data and content as the site's current file is linked, not laid out.
    const shared = layouts.fingerprint && crypto.createHash('sha256').update(kogiFingerprint()).update(layouts.fingerprint).update(JSON.stringify([site, themeView]))
    for (const [page, content] of contents) {
      const file = fileOfPage(page)
      if (staticHome && page === model.home) continue
      const layout = page.matter.layout ?? 'default'
      try {
        const view = pageView(ctx, page)
        const key = shared ? shared.copy().update(JSON.stringify([layout, view])).update(content).digest('base64') : undefined
        if (key !== undefined && writer.reuse(page.outFile, key)) continue
        const html = await layouts.render(layout, { site, page: view, content, theme: themeView })
        writer.write(page.outFile, html, key)
      } catch (error) {
        if (isOutOfSpace(error)) throw error
        const line = file.data.matterLines?.layout ?? 1
        file.message((error as Error).message, { place: { line, column: 1 }, ruleId: 'layout', source: 'kogi', cause: error as Error }).fatal = true
      }
    }
    // Sources that could not become a page count too: their address keeps the last good page.
    const pageSources: PageSource[] = [...sources.map((s) => ({ file: s.file, outFile: urlOf(s.rel).outFile })), ...jobs.filter((j) => j.page.generated).map((j) => ({ file: j.file, outFile: j.page.outFile, generated: true }))]
    if (!options.onWritten) keepLastGood(writer, pageSources)
    timings.mark('layout')
    copyStatics(writer, found.statics, folders.assets.files, siteFile)
    await writeExtras({ ctx, layouts, writer, theme: themeView, siteFile })
    timings.mark('copy')
    // Checked against the files actually written, so whatever a stage adds counts as present.
    const checked = [...contents.keys()].map((page) => ({ url: page.url, file: fileOfPage(page), facts: facts.get(page.url)! }))
    checkLinks(checked, { facts, exists: (rel) => isFile(writer.target(rel)), contentFolder: display(options.contentDir) })
    checkNotebookLinks(checked, notebookSite(config, options.contentDir, found, display(options.contentDir)))
    timings.mark('links')
    // The index, made on its thread meanwhile; no page links into it, so the link check did not wait.
    for (const f of (await searching).files) writer.write(f.rel, f.data)
    timings.mark('search')
    const { errors } = countMessages(files)
    // Errors only on pages: the others go to students (src/output/last-good.ts). The dev server
    // instead keeps serving its last good site, with the problems shown over the page.
    if (errors > 0 && (options.onWritten || !onlyPageErrors(files, pageSources))) writer.abort()
    else {
      writer.commit()
      if (errors === 0 && inputs && writer.manifestId) rememberBuild(options.cacheDir!, inputs, writer.manifestId, { files, pages: contents.size, cached, formulas })
      timings.mark('commit')
      if (errors === 0) options.onWritten?.({ model, sources: modelSources, contents, facts, layouts, theme: themeView })
    }
    return finish(writer.committed, contents.size, formulas)
  } catch (error) {
    writer.abort()
    siteFile.message(writeFailure(error, display(path.resolve(options.outDir)), writer.committed), { ruleId: 'write', source: 'kogi', cause: error as Error }).fatal = true
    return finish(writer.committed, contents.size, formulas)
  }
}

function isFile(abs: string): boolean {
  return fs.statSync(abs, { throwIfNoEntry: false })?.isFile() ?? false
}

/** Copy content files that are not lectures, then the assets folder's files (the theme excepted). */
function copyStatics(writer: SiteWriter, statics: readonly Found[], assets: readonly Found[], siteFile: VFile): void {
  // A file deleted or replaced while the build runs is reported and skipped, not fatal.
  const copy = (rel: string, abs: string, shown: string) => {
    try {
      writer.copy(rel, abs)
    } catch (error) {
      if (isOutOfSpace(error)) throw error
      siteFile.message(`${shown}: could not be copied (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); was it deleted during the build?`, { ruleId: 'read', source: 'kogi' })
    }
  }
  for (const s of statics) copy(s.rel, s.abs, s.rel)
  for (const a of assets) {
    if (a.rel.startsWith('kogi/')) continue
    const rel = `assets/${a.rel}`
    if (writer.has(rel)) {
      siteFile.message(`assets/${a.rel} and content/${rel} both want ${'/' + rel}; the content file wins`, { ruleId: 'asset-clash', source: 'kogi' })
      continue
    }
    copy(rel, a.abs, `assets/${a.rel}`)
  }
}
