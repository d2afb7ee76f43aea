/**
 * rehype plugin: turn glossary entries into a definition list with an anchor per term.
 *
 * A glossary is a section whose heading contains 用語集, 用語 or Glossary, or the whole page
 * when its title does or its front matter says `glossary: true`. Inside it, paragraphs of
 * `**term**: definition<br/>` lines and lists of `* **term**: definition` items become
 * `<dl class="kogi-glossary">`; each `<dt>` gets the id `term-<slug>` and, when the term
 * carries an English name, an alias anchor `term-<english slug>`. Runs after
 * `rehype-sections`. The terms are recorded in `file.data.facts.terms` for term links and
 * the course glossary pages.
 */
import type { Element, ElementContent, Root } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString } from 'hast-util-to-string'
import { visit } from '../markdown/visit.js'
import type { VFile } from 'vfile'
import type { TermFact } from '../types.js'
import { readEntry, splitLines, splitTerm, termId, type RawEntry } from './glossary-entry.js'

/** Options for {@link rehypeGlossary}. */
export interface Options {
  /**
   * Treat the whole page as a glossary (its title names one, or `glossary: true`); default false.
   * A function decides page by page, so one processor serves every page.
   */
  readonly wholePage?: boolean | ((file: VFile) => boolean)
  /** Headings that make their section a glossary; default 用語集, 用語, Glossary. */
  readonly heading?: RegExp
}

/** Headings and titles that name a glossary. */
export const GLOSSARY_HEADING = /用語集|用語|glossary/i

function isSection(node: Element): boolean {
  return node.tagName === 'section' || node.tagName === 'aside'
}

/** Entries of a paragraph or list, or undefined when it is not one. */
function entriesOf(node: Element): RawEntry[] | undefined {
  if (node.tagName === 'p') {
    const lines = splitLines(node.children)
    const entries = lines.map((line) => readEntry(line))
    if (!entries[0]) return undefined
    // A line without a bold term continues the definition before it.
    const out: RawEntry[] = []
    entries.forEach((e, i) => {
      if (e) out.push(e)
      else out[out.length - 1]!.definition.push({ type: 'element', tagName: 'br', properties: {}, children: [] }, ...lines[i]!)
    })
    return out
  }
  if (node.tagName === 'ul' || node.tagName === 'ol') {
    const items = node.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li')
    if (items.length === 0) return undefined
    const entries = items.map((li) => {
      // A loose list wraps each item's text in a paragraph.
      const inner = li.children.find((c) => c.type === 'element') as Element | undefined
      return readEntry(inner?.tagName === 'p' ? [...inner.children, ...li.children.slice(li.children.indexOf(inner) + 1)] : li.children, true)
    })
    // A list is a glossary when its first item and most others are entries; an item without a
    // term then continues the definition before it, so no text is lost.
    const found = entries.filter((e): e is RawEntry => !!e)
    if (!entries[0] || found.length * 2 < entries.length) return undefined
    const out: RawEntry[] = []
    entries.forEach((e, i) => {
      if (e) out.push(e)
      else out[out.length - 1]!.definition.push({ type: 'element', tagName: 'br', properties: {}, children: [] }, ...items[i]!.children)
    })
    return out
  }
  return undefined
}

/**
 * Build the glossary lists.
 *
 * @param options Whether the whole page is a glossary.
 */
export default function rehypeGlossary(options: Readonly<Options> = {}) {
  const heading = options.heading ?? GLOSSARY_HEADING
  return function transform(tree: Root, file: VFile): void {
    const whole = typeof options.wholePage === 'function' ? options.wholePage(file) : options.wholePage === true
    const terms: TermFact[] = []
    const used = new Set<string>()
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id === 'string') used.add(node.properties.id)
    })
    const unique = (id: string): string => {
      let candidate = id
      for (let n = 1; used.has(candidate); n++) candidate = `${id}-${n}`
      used.add(candidate)
      return candidate
    }

    const convert = (parent: Root | Element): void => {
      const children: (typeof parent.children)[number][] = []
      for (const child of parent.children) {
        if (child.type !== 'element') {
          children.push(child)
          continue
        }
        if (isSection(child)) {
          // A glossary page's sections are glossary too; a glossary section ends at its first
          // subsection (a lecture's 用語集 is often followed by its numbered sections, one level down).
          if (whole) convert(child)
          children.push(child)
          continue
        }
        const entries = entriesOf(child)
        if (!entries) {
          children.push(child)
          continue
        }
        const items: ElementContent[] = []
        for (const entry of entries) items.push(...entryNodes(entry))
        const previous = [...children].reverse().find((c) => !(c.type === 'text' && c.value.trim() === ''))
        // Consecutive paragraphs or lists of entries make one list.
        if (previous?.type === 'element' && previous.tagName === 'dl') previous.children.push(...items)
        else children.push({ type: 'element', tagName: 'dl', properties: { className: ['kogi-glossary'] }, children: items, position: child.position })
      }
      parent.children = children as typeof parent.children
    }

    const entryNodes = (entry: RawEntry): Element[] => {
      const definitionText = toString({ type: 'element', tagName: 'dd', properties: {}, children: entry.definition }).replace(/\s+/g, ' ').trim()
      const { name, en } = splitTerm(toString(entry.strong), definitionText)
      const id = unique(termId(name))
      const enId = en && en !== name ? unique(termId(en)) : undefined
      const place = entry.strong.position?.start
      if (definitionText === '') {
        file.message(`glossary term “${name}” has no definition`, { place, ruleId: 'glossary-empty', source: 'kogi' })
      }
      terms.push({ term: name, ...(en ? { en } : {}), id, ...(enId ? { enId } : {}), definition: definitionText, ...(place ? { line: place.line } : {}) })
      const dt: Element = {
        type: 'element',
        tagName: 'dt',
        properties: { id },
        children: [
          { type: 'element', tagName: 'dfn', properties: {}, children: [{ type: 'text', value: name }] },
          ...(enId ? [{ type: 'text' as const, value: ' ' }, { type: 'element' as const, tagName: 'span', properties: { id: enId, className: ['kogi-term-en'], lang: 'en' }, children: [{ type: 'text' as const, value: en! }] }] : []),
        ],
        position: entry.strong.position,
      }
      const dd: Element = { type: 'element', tagName: 'dd', properties: { id: `${id}-def` }, children: entry.definition }
      return [dt, dd]
    }

    if (whole) convert(tree)
    else {
      visit(tree, 'element', (node) => {
        if (!isSection(node)) return
        const first = node.children[0]
        if (first?.type === 'element' && headingRank(first) && heading.test(toString(first))) {
          convert(node)
          return 'skip'
        }
        return undefined
      })
    }
    if (file.data.facts) file.data.facts.terms = terms
  }
}
