/**
 * What of a page is searchable: its sections (split at h1–h4), each with its anchor, heading,
 * prose, and the emphasised terms (glossary entries, bold) that deserve a boost.
 *
 * It reads the page's finished content tree (rehype-search-sections, in the page stage; the
 * generated glossary pages call it on theirs), so heading ids come from whatever stage gave them;
 * a heading without one gets a GitHub-style slug, numbered on repeats, which the theme's
 * search script gives the heading in the browser when a result link points at it.
 * Tests read HTML into a tree first (test/helpers/extract-html.ts) to check that the two agree.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { slug } from './engine.js'

/** One searchable section of a page. */
export interface Section {
  /** Fragment without `#`; empty for the part before the first heading. */
  readonly anchor: string
  readonly heading: string
  /** Body text, blocks separated by newlines. */
  readonly text: string
  /** Text of glossary terms and bold, indexed again with a boost. */
  readonly emphasis: string
}

const SECTION_HEADING = /^h[1-4]$/
const EMPHASIS = new Set(['dt', 'strong', 'b'])
const SKIP = new Set(['script', 'style', 'template', 'nav', 'noscript', 'math', 'svg', 'iframe', 'button', 'select', 'textarea'])
const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'td', 'th', 'table', 'pre', 'blockquote', 'section', 'article', 'figure', 'figcaption', 'br', 'hr', 'center', 'details', 'summary', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'aside', 'header', 'footer'])

function classes(node: Element): string[] {
  const c: unknown = node.properties.className
  // A tree made by a plugin may hold a class string where parsed HTML always holds a list.
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : []
}

/** Whether a property would be written out: the serializer drops null, undefined and false. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false
}

/**
 * Whether an element stays out of the index: formulas (their MathML, TeX annotation and the
 * glyph boxes are not prose), navigation, hidden things, tooltips that repeat a glossary
 * entry elsewhere, and anything marked `data-search-ignore`.
 */
function skipped(node: Element): boolean {
  if (SKIP.has(node.tagName)) return true
  const p = node.properties
  if (present(p.hidden)) return true
  if (String(p.ariaHidden) === 'true' || p.role === 'tooltip' || p.role === 'navigation') return true
  if (present(p.dataSearchIgnore) || present(p.dataPagefindIgnore)) return true
  return classes(node).some((c) => c === 'katex' || c === 'katex-display' || c === 'katex-error' || c.includes('tooltip') || c === 'footnote-backref')
}

/** Text gathered from a run of nodes: all of it, and the emphasised parts on their own. */
interface Gathered {
  readonly out: string[]
  readonly emphasised: string[]
}

function textOf(nodes: readonly (ElementContent | RootContent)[], acc: Gathered, emph?: string[]): void {
  const { out } = acc
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push(node.value)
      emph?.push(node.value)
    } else if (node.type === 'raw') {
      // A typeset formula (raw HTML, see rehype-katex-page): not prose, but it separates words.
      out.push(' ')
      emph?.push(' ')
    } else if (node.type === 'element') {
      if (skipped(node)) {
        out.push(' ')
        continue
      }
      const block = BLOCK.has(node.tagName)
      if (block) out.push('\n')
      if (EMPHASIS.has(node.tagName) && !emph) {
        const e: string[] = []
        textOf(node.children, acc, e)
        acc.emphasised.push(e.join(''))
      } else textOf(node.children, acc, emph)
      if (block) out.push('\n')
    }
  }
}

function clean(text: string): string {
  return text.replace(/[ \t\u00a0\u3000]+/g, ' ').replace(/ ?\n[\s]*/g, '\n').trim()
}

/**
 * Split a page's finished content tree into searchable sections.
 *
 * @param tree The content tree as it is stringified; formulas may be raw nodes.
 * @returns Its sections in order; the part before the first heading first, when it has text.
 */
export function sectionsOf(tree: Root): Section[] {
  const sections: Section[] = []
  const used = new Map<string, number>()
  let current = { anchor: '', heading: '', nodes: [] as RootContent[] }
  const flush = () => {
    const acc: Gathered = { out: [], emphasised: [] }
    textOf(current.nodes, acc)
    const text = clean(acc.out.join(''))
    if (text || current.heading) sections.push({ anchor: current.anchor, heading: current.heading, text, emphasis: clean(acc.emphasised.join('\n')) })
  }
  // Headings nested in <section> wrappers or <div>s still start sections: flatten to a list of
  // blocks in document order, descending only into elements that contain a heading.
  const walk = (nodes: readonly RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'element' && SECTION_HEADING.test(node.tagName) && !skipped(node)) {
        flush()
        const acc: Gathered = { out: [], emphasised: [] }
        textOf(node.children, acc)
        const heading = clean(acc.out.join('')).replace(/\n/g, ' ')
        let anchor = typeof node.properties.id === 'string' ? node.properties.id : ''
        if (!anchor) {
          const base = slug(heading)
          const n = used.get(base) ?? 0
          used.set(base, n + 1)
          anchor = n ? `${base}-${n}` : base
        }
        current = { anchor, heading, nodes: [] }
      } else if (node.type === 'element' && !skipped(node) && containsHeading(node)) {
        walk(node.children)
      } else current.nodes.push(node)
    }
  }
  walk(tree.children)
  flush()
  return sections
}

function containsHeading(node: Element): boolean {
  return node.children.some((c) => c.type === 'element' && (SECTION_HEADING.test(c.tagName) || containsHeading(c)))
}
