/**
 * Incremental rebuild for the dev server: a saved lecture is rendered again in this process and
 * only the pages whose HTML can change are laid out and written into the served folder — the
 * page, and when its title or description changed its previous/next neighbours, its course
 * page, the home page and the glossary pages. The reload is sent as soon as the page is
 * written; the search index and the page's link check follow.
 *
 * Everything a page's HTML reads from the rest of the site (the model, the other pages'
 * facts, the layouts, the theme) is kept from the last full build. A change this cannot
 * follow exactly (a new, deleted or renamed lecture, a changed `date:` or `order:` that moves
 * lectures or the sitemap, a glossary page appearing or going, a course or home page) is left
 * to a full build: {@link IncrementalSite.update} then returns undefined.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { VFile } from 'vfile'
import type { Config } from '../config.js'
import type { PageFacts } from '../types.js'
import type { BuiltSite } from '../stages/build.js'
import type { Matter } from '../stages/frontmatter.js'
import { readSource } from '../stages/read.js'
import { readFrontMatter } from '../stages/frontmatter.js'
import { prepare } from '../stages/prepare.js'
import { buildModel, type PageEntry, type SiteModel } from '../stages/model.js'
import { renderCaptured, crashed } from '../speed/rendered.js'
import { LectureRenderer } from '../formats/lecture.js'
import { FormulaCache } from '../math/katex-cache.js'
import { glossaryPages } from '../site/glossary.js'
import { pageView, searchPageOf, siteView, type SiteContext } from '../site/views.js'
import type { SearchWorker } from './search-worker.js'
import { writeServed } from './write-file.js'
import { checkPageLinks } from '../site/links.js'
import { checkNotebookLinks, notebookSite } from '../site/notebook-links.js'
import { unpublished } from '../stages/publish.js'
import { PageCache } from '../speed/cache.js'
import { discover, leadsInside } from '../stages/discover.js'

/** Where the incremental rebuild reads and writes. */
export interface IncrementalOptions {
  readonly config: Config
  readonly contentDir: string
  /** The served site folder, written in place. */
  readonly outDir: string
  readonly drafts: boolean
  /** The page cache folder, so a later full build finds the page rendered. */
  readonly cacheDir?: string
  /** Paths in messages are relative to this folder; default the working folder. */
  readonly cwd?: string
  /** Builds the search index off the server's thread. */
  readonly search: SearchWorker
}

/** What an incremental rebuild did. */
export interface IncrementalResult {
  /** The edited page's file, carrying its messages. */
  readonly file: VFile
  /** Whether the page was written (false: it has errors, and the last good page stays). */
  readonly written: boolean
  /** Pages laid out and written. */
  readonly pages: number
  /** Resolves when the page's link check is done (the search index follows on its own: {@link IncrementalSite.idle}). */
  readonly rest: Promise<void>
}

/** The state of the site between saves. */
interface State {
  readonly model: SiteModel
  readonly sources: readonly { rel: string; matter: Matter }[]
  /** Content HTML by page URL, in the order of the full build (site pages, then glossaries). */
  readonly contents: ReadonlyMap<string, { page: PageEntry; content: string }>
  readonly facts: ReadonlyMap<string, PageFacts>
}

/** Lecture order and every page's place: what must not move for an incremental rebuild to hold. */
function shape(model: SiteModel): string {
  return JSON.stringify([model.pages.map((p) => [p.url, p.kind, p.generated ?? false]), model.courses.map((c) => [c.id, c.title, c.lectures.map((l) => l.url)])])
}

/** What of a page the pages listing it show (course page, home, neighbours): its title and description. */
function listing(facts: PageFacts | undefined): string {
  return JSON.stringify([facts?.title, facts?.description])
}

/** What of a page the glossary pages show: its title and the terms it defines. */
function glossed(facts: PageFacts | undefined): string {
  return JSON.stringify([facts?.title, facts?.terms])
}

/** How long after the reload the search index and link check wait (a reload takes 50–250 ms). */
const RELOAD_GRACE_MS = 400

/** The site as the dev server last wrote it, updated one page at a time. */
export class IncrementalSite {
  private state: State
  private readonly layouts: BuiltSite['layouts']
  private readonly theme: BuiltSite['theme']
  /** Formulas typeset by earlier saves, for the next page rendered here. */
  private readonly formulas = new FormulaCache()

  /**
   * @param built What the last full build was made from.
   * @param options Config and folders (the same as that build's).
   */
  constructor(
    built: BuiltSite,
    private readonly options: IncrementalOptions,
  ) {
    this.layouts = built.layouts
    this.theme = built.theme
    const contents = new Map<string, { page: PageEntry; content: string }>()
    for (const [page, content] of built.contents) contents.set(page.url, { page, content })
    this.state = { model: built.model, sources: built.sources, contents, facts: new Map(built.facts) }
    options.search.load(options.outDir, [...contents.values()].map(({ page }) => searchPageOf(this.options.config, page, built.facts.get(page.url))))
  }

  /**
   * Rebuild after a change of one source.
   *
   * @param rel The source's path relative to the content folder.
   * @param onPage Called as soon as the page itself is written (the dev server sends the reload).
   * @returns What was done, or undefined when only a full build can follow the change.
   */
  async update(rel: string, onPage: () => void): Promise<IncrementalResult | undefined> {
    const { config, contentDir, outDir } = this.options
    const old = this.state
    const oldPage = old.model.pages.find((p) => p.rel === rel && !p.generated)
    if (!oldPage || (oldPage.kind !== 'lecture' && oldPage.kind !== 'page')) return undefined
    const abs = path.join(contentDir, rel)
    // Made a link leading out since the last build: the full build reports it and reads nothing.
    if (!leadsInside(abs, [contentDir])) return undefined
    let file: VFile
    try {
      file = readSource(abs, path.relative(this.options.cwd ?? process.cwd(), abs) || '.')
    } catch {
      return undefined
    }
    const failed = () => file.messages.some((m) => m.fatal)
    const problems = (): IncrementalResult => ({ file, written: false, pages: 0, rest: Promise.resolve() })
    if (failed()) return problems()
    const matter = readFrontMatter(file)
    if (failed()) return problems()
    // `date:` and `order:` place the lecture among the others and in the sitemap: a full build.
    if (matter.date !== oldPage.matter.date || matter.order !== oldPage.matter.order) return undefined

    const sources = old.sources.map((s) => (s.rel === rel ? { rel, matter } : s))
    const { model, clashes } = buildModel(sources)
    if (clashes.length > 0 || shape(model) !== shape(old.model)) return undefined
    const page = model.pages.find((p) => p.url === oldPage.url)!

    prepare(file, { drafts: this.options.drafts })
    const cache = this.options.cacheDir ? new PageCache(this.options.cacheDir, contentDir, config, model) : undefined
    const key = cache?.keyOf(page, file)
    const rendered = await renderCaptured(file, { config, page, resolvePage: model.resolvePage, renderer: new LectureRenderer(config, model.resolvePage, this.formulas) })
    if (crashed(rendered) || failed()) return problems()
    const pageFacts = file.data.facts!

    // The new state: page entries of the new model, this page's content and facts, glossaries.
    const facts = new Map(old.facts)
    facts.set(page.url, pageFacts)
    const contents = new Map<string, { page: PageEntry; content: string }>()
    const byUrl = new Map(model.pages.map((p) => [p.url, p]))
    for (const [url, entry] of old.contents) {
      const current = byUrl.get(url)
      contents.set(url, { page: current ?? entry.page, content: url === page.url ? rendered.content : entry.content })
    }
    // Pages that list this one and the glossaries are made again only when what they show of it
    // changed: an edit of the body alone costs no glossary (a tenth of a second on the corpus).
    const listed = listing(old.facts.get(page.url)) !== listing(pageFacts)
    const defined = glossed(old.facts.get(page.url)) !== glossed(pageFacts)
    const glossaries = defined ? glossaryPages(model, facts, config) : []
    if (defined) {
      const oldGlossaries = [...old.contents.values()].filter((e) => !old.model.pages.includes(e.page)).map((e) => e.page.url)
      if (JSON.stringify(glossaries.map((g) => g.page.url)) !== JSON.stringify(oldGlossaries)) return undefined
    }
    for (const g of glossaries) {
      contents.set(g.page.url, { page: g.page, content: g.content })
      facts.set(g.page.url, g.facts)
    }

    const ctx: SiteContext = { config, model, facts }
    const site = siteView(ctx)
    const layOut = async (target: PageEntry): Promise<string> =>
      this.layouts.render(target.matter.layout ?? 'default', { site, page: pageView(ctx, target), content: contents.get(target.url)!.content, theme: this.theme })
    let html: string
    try {
      html = await layOut(page)
    } catch (error) {
      const line = file.data.matterLines?.layout ?? 1
      file.message((error as Error).message, { place: { line, column: 1 }, ruleId: 'layout', source: 'kogi', cause: error as Error }).fatal = true
      return problems()
    }
    writeServed(outDir, page.outFile, html)
    this.state = { model, sources, contents, facts }
    onPage()

    // Pages that show this one: neighbours, course and home list its link; glossaries its terms.
    const dependents: PageEntry[] = []
    if (listed) {
      const course = model.courseOf(page)
      if (course) {
        const i = course.lectures.findIndex((l) => l.url === page.url)
        if (i > 0) dependents.push(course.lectures[i - 1]!)
        if (i >= 0 && i < course.lectures.length - 1) dependents.push(course.lectures[i + 1]!)
        dependents.push(course.index)
      }
      dependents.push(model.home)
    }
    for (const g of glossaries) if (old.contents.get(g.page.url)?.content !== g.content) dependents.push(g.page)
    let pages = 1
    for (const target of dependents) {
      try {
        writeServed(outDir, target.outFile, await layOut(target))
        pages++
      } catch (error) {
        file.message(`${target.url} could not be laid out again: ${(error as Error).message}`, { ruleId: 'layout', source: 'kogi' })
      }
    }

    const rest = (async () => {
      // Wait until the open page has reloaded: indexing the whole site for search takes a second
      // of CPU on a large one, and on a two-core laptop it would slow the browser showing the edit.
      await new Promise((resolve) => setTimeout(resolve, RELOAD_GRACE_MS))
      if (key !== undefined) cache!.set(key, rendered)
      const indexed = [page, ...glossaries.map((g) => g.page)].map((p) => searchPageOf(this.options.config, p, facts.get(p.url)))
      void this.options.search.update(indexed)
      const contentFolder = path.relative(this.options.cwd ?? process.cwd(), contentDir) || '.'
      checkPageLinks({ url: page.url, file, facts: pageFacts }, { facts, exists: (r) => fs.statSync(path.join(outDir, r), { throwIfNoEntry: false })?.isFile() ?? false, contentFolder })
      checkNotebookLinks([{ url: page.url, file, facts: pageFacts }], notebookSite(config, contentDir, discover(contentDir, { skip: unpublished(config) }), contentFolder))
    })()
    return { file, written: true, pages, rest }
  }

  /**
   * Render one lecture and throw the result away: the first save is then served by warm code
   * (compiled, KaTeX and the highlighter loaded) instead of paying for it.
   */
  async warm(): Promise<void> {
    const page = this.state.model.pages.find((p) => p.kind === 'lecture' && !p.generated)
    if (!page) return
    try {
      const file = readSource(path.join(this.options.contentDir, page.rel), page.rel)
      readFrontMatter(file)
      prepare(file, { drafts: this.options.drafts })
      await renderCaptured(file, { config: this.options.config, page, resolvePage: this.state.model.resolvePage, renderer: new LectureRenderer(this.options.config, this.state.model.resolvePage, this.formulas) })
    } catch {
      // Only a warm-up.
    }
  }

  /** Resolves when no search index is being written (before a full build replaces the folder). */
  idle(): Promise<void> {
    return this.options.search.idle()
  }
}
