/**
 * Site pass: glossary pages. Every term defined on every page is collected into one page per
 * course (`/<course>/terms/`) and one for the site (`/terms/`), sorted by reading (kana and
 * kanji in Japanese order, then Latin A–Z), each linking to its definition in its lecture; a
 * term defined in several lectures lists them all.
 */
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import type { Element, Root } from 'hast'
import type { Config } from '../config.js'
import type { PageFacts, TermFact } from '../types.js'
import { sectionsOf } from '../search/extract.js'
import type { PageEntry, SiteModel } from '../stages/model.js'
import { withBase } from './views.js'
import { katexFonts } from '../math/katex-fonts.js'

/** A generated glossary page: its place in the site, its content HTML and its facts. */
export interface GlossaryPage {
  readonly page: PageEntry
  readonly content: string
  readonly facts: PageFacts
}

/** Folder name of glossary pages under a course and the site root. */
export const GLOSSARY_PATH = 'terms'

const collator = new Intl.Collator('ja', { sensitivity: 'base', numeric: true })
const LATIN_START = /^[\x00-\x7F]/

/**
 * Order of terms in a glossary: Japanese first (ICU's Japanese order: kana in gojūon order,
 * kanji by their usual reading as JIS orders them), then Latin A–Z.
 */
export function compareTerms(a: string, b: string): number {
  const la = LATIN_START.test(a)
  const lb = LATIN_START.test(b)
  if (la !== lb) return la ? 1 : -1
  return collator.compare(a, b)
}

interface Definition {
  readonly term: TermFact
  readonly page: PageEntry
  readonly title: string
}

function entryKey(term: TermFact): string {
  return term.term.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')
}

function render(config: Config, definitions: readonly Definition[]): { html: string; sections: PageFacts['search']; count: number } {
  const groups = new Map<string, Definition[]>()
  for (const d of definitions) {
    const key = entryKey(d.term)
    groups.set(key, [...(groups.get(key) ?? []), d])
  }
  const sorted = [...groups.values()].sort((a, b) => compareTerms(a[0]!.term.term, b[0]!.term.term))
  const items: Element[] = []
  for (const group of sorted) {
    const { term } = group[0]!
    const en = group.find((d) => d.term.en)?.term.en
    items.push(h('dt', { id: term.id }, [h('dfn', term.term), ...(en ? [' ', h('span.kogi-term-en', { lang: 'en' }, en)] : [])]))
    items.push(h('dd', [h('ul', group.map((d) => h('li', [h('a', { href: withBase(config, d.page.url) + '#' + d.term.id }, d.title), d.term.definition ? `: ${d.term.definition}` : ''])))]))
  }
  const tree: Root = { type: 'root', children: [h('p.kogi-glossary-count', `${sorted.length} 語`), h('dl.kogi-glossary.kogi-glossary-index', items)] }
  // Search sections come from the tree as for any other page: no HTML is parsed back.
  return { html: toHtml(tree), sections: sectionsOf(tree), count: sorted.length }
}

function generated(rel: string, course: string | undefined, title: string): PageEntry {
  const dir = rel.slice(0, rel.lastIndexOf('/') + 1)
  const url = '/' + dir
  return { rel: rel + 'index.md', url, outFile: dir + 'index.html', dir: url, kind: 'page', matter: { title, layout: 'page' }, generated: true, ...(course ? { course } : {}) }
}

/**
 * Make the glossary pages of a site.
 *
 * @param model The site.
 * @param facts Facts of every rendered page, by URL.
 * @param config The config, for the base path.
 * @returns One page per course with terms and one for the site, skipping any URL a source already takes.
 */
export function glossaryPages(model: SiteModel, facts: ReadonlyMap<string, PageFacts>, config: Config): GlossaryPage[] {
  const all: Definition[] = []
  const out: GlossaryPage[] = []
  const add = (page: PageEntry, definitions: readonly Definition[]) => {
    if (definitions.length === 0 || model.resolvePage(page.url)) return
    const { html, sections, count } = render(config, definitions)
    const title = page.matter.title!
    out.push({ page, content: html, facts: { title, description: `${title}（${count} 語）`, ids: [], links: [], formulas: 0, search: sections, fonts: html.includes('class="katex"') ? katexFonts([html]) : [] } })
  }
  for (const course of model.courses) {
    const pages = [course.index, ...course.lectures, ...model.pages.filter((p) => p.course === course.id && p.kind === 'page')]
    const definitions = pages.flatMap((page) => (facts.get(page.url)?.terms ?? []).map((term) => ({ term, page, title: facts.get(page.url)?.title ?? page.url })))
    all.push(...definitions)
    add(generated(`${course.id}/${GLOSSARY_PATH}/`, course.id, `用語集 — ${course.title}`), definitions)
  }
  const loose = model.pages.filter((p) => !p.course)
  all.push(...loose.flatMap((page) => (facts.get(page.url)?.terms ?? []).map((term) => ({ term, page, title: facts.get(page.url)?.title ?? page.url }))))
  add(generated(`${GLOSSARY_PATH}/`, undefined, '用語集'), all)
  return out
}
