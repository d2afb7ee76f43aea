/**
 * rehype plugin: link the first occurrence of each glossary term in every section of running
 * text to its definition on the page, with the definition in `data-def` for the hover/focus
 * card the theme draws (CSS only; the theme script makes a first tap on a touch screen show it).
 *
 * Never links inside headings, links, code, math or the glossary itself (see `hast-prose.ts`).
 * Runs after `rehype-glossary`, which records the terms, and before KaTeX.
 */
import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import type { TermFact } from '../types.js'
import { rewriteProse, type Replacement } from './hast-prose.js'

/** Options for {@link rehypeTermLinks}. */
export interface Options {
  /** Whether to link terms at all; default true. */
  readonly enabled?: boolean
  /** Longest definition copied into the hover card, in characters; default 200. */
  readonly maxDefinition?: number
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A name to look for and the term it stands for. */
interface Needle {
  readonly text: string
  readonly term: TermFact
}

function needlesOf(terms: readonly TermFact[]): Needle[] {
  const needles: Needle[] = []
  for (const term of terms) {
    if (term.term.length >= 2) needles.push({ text: term.term, term })
    if (term.en && term.en.length >= 3) needles.push({ text: term.en, term })
  }
  // Longest first, so "条件付き確率密度" wins over "確率密度".
  return needles.sort((a, b) => b.text.length - a.text.length)
}

function pattern(needles: readonly Needle[]): RegExp {
  const parts = needles.map((n) => {
    const body = escapeRegExp(n.text).replace(/\s+/g, '\\s+')
    // Latin names must stand as words; Japanese has no spaces to test.
    return /^[\x00-\x7F]+$/.test(n.text) ? `(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])` : body
  })
  return new RegExp(parts.join('|'), 'giu')
}

/**
 * Link glossary terms in prose.
 *
 * @param options Switch and hover-card length.
 */
export default function rehypeTermLinks(options: Readonly<Options> = {}) {
  const max = options.maxDefinition ?? 200
  return function transform(tree: Root, file: VFile): void {
    const terms = file.data.facts?.terms ?? []
    if (options.enabled === false || terms.length === 0) return
    const needles = needlesOf(terms)
    if (needles.length === 0) return
    const re = pattern(needles)
    const lookup = new Map<string, TermFact>()
    for (const n of needles) lookup.set(n.text.toLowerCase().replace(/\s+/g, ' '), n.term)
    const linked = new WeakMap<object, Set<string>>()
    rewriteProse(tree, (text, ancestors) => {
      const section = [...ancestors].reverse().find((a) => a.type === 'root' || a.tagName === 'section' || a.tagName === 'aside')!
      let done = linked.get(section)
      if (!done) linked.set(section, (done = new Set()))
      const found: Replacement[] = []
      for (const m of text.value.matchAll(re)) {
        const term = lookup.get(m[0].toLowerCase().replace(/\s+/g, ' '))
        if (!term || done.has(term.id)) continue
        done.add(term.id)
        const definition = term.definition.length > max ? term.definition.slice(0, max - 1) + '…' : term.definition
        const link: Element = {
          type: 'element',
          tagName: 'a',
          properties: { href: `#${term.id}`, className: ['kogi-term'], dataDef: definition || term.term, ariaDescribedBy: [`${term.id}-def`] },
          children: [{ type: 'text', value: m[0] }],
        }
        found.push({ start: m.index, end: m.index + m[0].length, node: link })
      }
      return found
    })
  }
}
