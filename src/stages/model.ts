/**
 * Site model: pages, their URLs, courses and lecture order, from paths and front matter only.
 *
 * URLs keep the instructor's Jekyll addresses (students have bookmarks and printed QR codes):
 * `2024ai/2024ai_lect20.md` is served at `/2024ai/2024ai_lect20/`, `2024ai/index.md` at `/2024ai/`.
 * Each top-level folder is a course; its lectures are ordered by file name in natural order
 * (lect2 before lect10), unless front matter `order:` or `date:` says otherwise.
 */
import type { VFile } from 'vfile'
import type { Matter } from './frontmatter.js'

/** What a page is in the site. */
export type PageKind = 'home' | 'course' | 'lecture' | 'page'

/** One page of the site. */
export interface PageEntry {
  /** Source path relative to the content folder (`2024ai/2024ai_lect20.md`). */
  readonly rel: string
  /** Site path of the page, without the base (`/2024ai/2024ai_lect20/`). */
  readonly url: string
  /** Output file relative to the site folder (`2024ai/2024ai_lect20/index.html`). */
  readonly outFile: string
  /** Site folder of the source, for resolving its relative links (`/2024ai/`). */
  readonly dir: string
  /** Course id (the top-level folder), if the page belongs to one. */
  readonly course?: string
  readonly kind: PageKind
  readonly matter: Matter
  /** Whether kogi made this page (a course or home page with no source). */
  readonly generated?: boolean
  /** Title when the page has neither its own front-matter title nor a heading (`第3回`). */
  readonly fallbackTitle?: string
}

/** A course: a top-level folder of content. */
export interface Course {
  readonly id: string
  readonly url: string
  readonly title: string
  readonly index: PageEntry
  readonly lectures: readonly PageEntry[]
}

/** The whole site's structure. */
export interface SiteModel {
  readonly pages: readonly PageEntry[]
  readonly courses: readonly Course[]
  readonly home: PageEntry
  /** Page URL for a site path naming a page (`/a/b`, `/a/b.md`, `/a/b.html`, `/a/b/`). */
  resolvePage(sitePath: string): string | undefined
  /** The course a page belongs to. */
  courseOf(page: PageEntry): Course | undefined
}

const collator = new Intl.Collator('ja', { numeric: true, sensitivity: 'base' })

/** Natural order of file names: `lect2` before `lect10`. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** Site path and output file of a source path. */
export function urlOf(rel: string): { url: string; outFile: string; dir: string } {
  const noExt = rel.replace(/\.(md|markdown)$/i, '')
  const slash = noExt.lastIndexOf('/')
  const dir = '/' + (slash >= 0 ? noExt.slice(0, slash + 1) : '')
  const base = noExt.slice(slash + 1)
  const folder = base.toLowerCase() === 'index' ? dir : `${dir}${base}/`
  return { url: folder, outFile: folder.slice(1) + 'index.html', dir }
}

function sortKey(page: PageEntry): [number, number] {
  const order = typeof page.matter.order === 'number' ? page.matter.order : Infinity
  const time = page.matter.date ? Date.parse(page.matter.date) : NaN
  return [order, Number.isNaN(time) ? Infinity : time]
}

/** Lecture order: `order:`, then `date:`, then natural file-name order. */
export function compareLectures(a: PageEntry, b: PageEntry): number {
  const [ao, ad] = sortKey(a)
  const [bo, bd] = sortKey(b)
  if (ao !== bo) return ao < bo ? -1 : 1
  if (ad !== bd) return ad < bd ? -1 : 1
  return naturalCompare(a.rel, b.rel)
}

/**
 * Build the site model.
 *
 * @param sources Each source's path and validated front matter.
 * @returns The model and the sources whose URL another source already takes.
 */
export function buildModel(sources: readonly { rel: string; matter: Matter }[]): { model: SiteModel; clashes: { rel: string; other: string; url: string }[] } {
  const byUrl = new Map<string, PageEntry>()
  const bySource = new Map<string, PageEntry>()
  const clashes: { rel: string; other: string; url: string }[] = []
  const pages: PageEntry[] = []
  const shared = sharedTitles(sources)
  for (const source of sources) {
    const { rel } = source
    const { url, outFile, dir } = urlOf(rel)
    const top = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : undefined
    const kind: PageKind = url === '/' ? 'home' : top && url === `/${top}/` ? 'course' : top ? 'lecture' : 'page'
    // A title every lecture of the course carries is the course's name, not the lecture's.
    const own = !(kind === 'lecture' && top && shared.get(top) === source.matter.title)
    const { title: _courseName, ...untitled } = source.matter
    const matter = own ? source.matter : untitled
    const entry: PageEntry = { rel, url, outFile, dir, kind, matter, ...(top ? { course: top } : {}), ...(own ? {} : { fallbackTitle: ordinalTitle(rel) }) }
    const other = byUrl.get(url)
    if (other) {
      clashes.push({ rel, other: other.rel, url })
      continue
    }
    byUrl.set(url, entry)
    bySource.set('/' + rel, entry)
    pages.push(entry)
  }

  const courseIds = [...new Set(pages.map((p) => p.course).filter((c): c is string => !!c))].sort(naturalCompare)
  const courses: Course[] = courseIds.map((id) => {
    const url = `/${id}/`
    let index = byUrl.get(url)
    if (!index) {
      const name = shared.get(id)
      index = { rel: `${id}/index.md`, url, outFile: `${id}/index.html`, dir: url, course: id, kind: 'course', matter: {}, generated: true, ...(name ? { fallbackTitle: name } : {}) }
      byUrl.set(url, index)
      pages.push(index)
    }
    const lectures = pages.filter((p) => p.course === id && p.kind === 'lecture').sort(compareLectures)
    return { id, url, title: index.matter.title ?? shared.get(id) ?? id, index, lectures }
  })
  let home = byUrl.get('/')
  if (!home) {
    home = { rel: 'index.md', url: '/', outFile: 'index.html', dir: '/', kind: 'home', matter: {}, generated: true }
    byUrl.set('/', home)
    pages.push(home)
  }
  const courseById = new Map(courses.map((c) => [c.id, c]))

  const resolvePage = (sitePath: string): string | undefined => {
    const source = bySource.get(sitePath)
    if (source) return source.url
    const trimmed = sitePath.replace(/\/index\.html?$/i, '/').replace(/\.html?$/i, '')
    const candidates = [trimmed, trimmed.endsWith('/') ? trimmed : trimmed + '/']
    for (const c of candidates) if (byUrl.has(c)) return byUrl.get(c)!.url
    return undefined
  }
  return { model: { pages, courses, home, resolvePage, courseOf: (p) => (p.course ? courseById.get(p.course) : undefined) }, clashes }
}

/**
 * The front-matter title that two or more lectures of a course share, by course: the
 * instructor's habit of giving every lecture the course's name.
 */
function sharedTitles(sources: readonly { rel: string; matter: Matter }[]): Map<string, string> {
  const counts = new Map<string, number>()
  for (const { rel, matter } of sources) {
    const parts = rel.split('/')
    if (parts.length < 2 || !matter.title || /^index\.(md|markdown)$/i.test(parts.at(-1)!)) continue
    const key = `${parts[0]}\u0000${matter.title}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const shared = new Map<string, string>()
  for (const [key, n] of counts) if (n > 1) shared.set(key.slice(0, key.indexOf('\u0000')), key.slice(key.indexOf('\u0000') + 1))
  return shared
}

/** `第N回` from the last number in a lecture's file name (`2025cogpsy_lect03.md` → 第3回), else the file name. */
export function ordinalTitle(rel: string): string {
  const name = rel.replace(/^.*\//, '').replace(/\.(md|markdown)$/i, '')
  const n = /(\d+)\D*$/.exec(name)?.[1]
  return n === undefined ? name : `第${Number(n)}回`
}

/** The site model of a build, with each page's record placed in it. */
export interface PlacedSite {
  readonly model: SiteModel
  /** What the model was made from, for worker threads to make it again. */
  readonly sources: readonly { rel: string; matter: Matter }[]
  /** One record per page of the model, in its order; the pages kogi makes get a record too. */
  readonly pages: readonly VFile[]
  /** A static `index.html` standing where kogi's home page would be: the author's home page, as in Jekyll. */
  readonly staticHome: boolean
}

/**
 * The model stage: make the site model from the pages that could be read, and give each page
 * of the model its record (`data.page`). A source whose URL another already takes is an error
 * on it; it keeps its record (and so its last good page) but is not in the model.
 *
 * @param read The page records of the read stage.
 * @param options `statics`: the content folder's other files; `recordOf` makes the record of a page kogi makes.
 */
export function placePages(read: readonly VFile[], options: { readonly statics: readonly { rel: string }[]; readonly recordOf: (page: PageEntry) => VFile }): PlacedSite {
  const sources = read.filter((f) => !f.messages.some((m) => m.fatal)).map((f) => ({ rel: f.data.rel!, matter: f.data.matter ?? {} }))
  const { model, clashes } = buildModel(sources)
  const byRel = new Map(read.map((f) => [f.data.rel!, f]))
  for (const c of clashes) {
    byRel.get(c.rel)!.message(`two sources map to the same URL ${c.url}: this file and ${c.other}`, { place: { line: 1, column: 1 }, ruleId: 'url-clash', source: 'kogi' }).fatal = true
  }
  const pages = model.pages.map((page) => {
    const file = page.generated ? options.recordOf(page) : byRel.get(page.rel)!
    if (page.generated) file.data.matter = {}
    file.data.page = page
    return file
  })
  const staticHome = model.home.generated === true && options.statics.some((s) => s.rel === 'index.html')
  return { model, sources, pages, staticHome }
}
