/**
 * Reading one glossary entry as the instructor writes it: `**term**: definition`,
 * `**term**：definition`, `**term** definition`, where the term often carries its English name
 * ("カルバック・ライブラーの乖離 Kullback-Leibler divergence") or the definition ends with it
 * ("… AI winter").
 */
import type { Element, ElementContent } from 'hast'
import { toString } from 'hast-util-to-string'
import { slug } from 'github-slugger'

/** A term split into its name and English alias. */
export interface TermName {
  readonly name: string
  readonly en?: string
}

const PAREN_EN = /^(.*?[^\x00-\x7F].*?)\s*[（(]\s*([A-Za-z][^()（）]*?)\s*[)）]\s*$/
const TRAILING_EN = /^(.*[^\x00-\x7F])\s+([A-Za-z][\x20-\x7E]*[A-Za-z0-9)])$/
const DEFINITION_EN = /[^\x00-\x7F]\s*([A-Za-z][A-Za-z' -]*[A-Za-z])\s*[.。]?$/

/**
 * Split a term as written into its (Japanese) name and its English name.
 *
 * @param raw The text of the bold term.
 * @param definition The definition text, whose last words may be the English name.
 */
export function splitTerm(raw: string, definition = ''): TermName {
  const text = raw.replace(/\s+/g, ' ').replace(/\s*[:：]\s*$/, '').trim()
  const m = PAREN_EN.exec(text) ?? TRAILING_EN.exec(text)
  if (m) return { name: m[1]!.trim(), en: m[2]!.trim() }
  // A term written only in Latin letters is its own English name.
  if (!/[^\x00-\x7F]/.test(text)) return { name: text }
  const d = DEFINITION_EN.exec(definition.trim())
  return d ? { name: text, en: d[1]! } : { name: text }
}

/** The id of a term's anchor: `term-` and a GitHub-style slug that keeps Japanese. */
export function termId(name: string): string {
  return 'term-' + (slug(name) || 'x')
}

/** An entry read from the source: the bold term and the nodes of its definition. */
export interface RawEntry {
  readonly strong: Element
  readonly definition: ElementContent[]
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' ? node.value.trim() === '' : node.type === 'comment'
}

const TERM_TAGS = new Set(['strong', 'b', 'a'])
const PLAIN_TERM = /^\s*([^:：\n]{1,30}?)\s*[:：]/

/**
 * Read a run of nodes as an entry when it starts with a bold (or linked: its text is the term) term, or, with
 * `plain`, with text of the form `term: definition`.
 *
 * @param nodes The nodes of one line or list item.
 * @param plain Whether `term: definition` in plain text counts (list items of a glossary).
 */
export function readEntry(nodes: readonly ElementContent[], plain = false): RawEntry | undefined {
  const start = nodes.findIndex((n) => !isBlank(n))
  let strong = nodes[start]
  let rest = nodes.slice(start + 1)
  if (plain && strong?.type === 'text') {
    const m = PLAIN_TERM.exec(strong.value)
    if (!m) return undefined
    rest = [{ type: 'text', value: strong.value.slice(m[0].length) }, ...rest]
    strong = { type: 'element', tagName: 'strong', properties: {}, children: [{ type: 'text', value: m[1]! }], ...(strong.position ? { position: strong.position } : {}) }
  }
  if (!strong || strong.type !== 'element' || !TERM_TAGS.has(strong.tagName)) return undefined
  if (toString(strong).trim() === '') return undefined
  const definition = rest.map((n) => (n.type === 'text' ? { ...n } : n))
  // Drop the separator: a colon (half or full width) and the spaces around it.
  const first = definition[0]
  if (first?.type === 'text') first.value = first.value.replace(/^\s*[:：]?\s*/, '')
  while (definition.length > 0 && isBlank(definition[definition.length - 1]!)) definition.pop()
  const last = definition[definition.length - 1]
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '')
  return { strong, definition: definition.filter((n) => !(n.type === 'text' && n.value === '')) }
}

/**
 * Split a paragraph's children into lines: at `<br>` and at a line break before a bold term.
 *
 * @param children The paragraph's children.
 */
export function splitLines(children: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]]
  children.forEach((node, i) => {
    const line = lines[lines.length - 1]!
    if (node.type === 'element' && node.tagName === 'br') {
      lines.push([])
      return
    }
    const next = children[i + 1]
    if (node.type === 'text' && next?.type === 'element' && next.tagName === 'strong' && node.value.includes('\n')) {
      const cut = node.value.lastIndexOf('\n')
      line.push({ type: 'text', value: node.value.slice(0, cut) })
      lines.push([])
      return
    }
    line.push(node)
  })
  return lines.filter((l) => l.some((n) => !isBlank(n)))
}
