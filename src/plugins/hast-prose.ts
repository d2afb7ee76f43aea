/**
 * Helpers shared by the plugins that turn words of running text into links (term links, Box
 * mentions, bare equation references): which text counts as prose, and how to split a text
 * node around the matches.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast'
import { visitParents, SKIP } from '../markdown/visit.js'

const NEVER = new Set(['a', 'code', 'pre', 'kbd', 'samp', 'script', 'style', 'svg', 'math', 'textarea', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'button', 'select', 'title'])

/** Classes of elements whose text is never prose: typeset math, the glossary, permalinks. */
const NEVER_CLASSES = ['katex', 'katex-display', 'math-inline', 'math-display', 'kogi-glossary', 'kogi-permalink']

function classes(node: Element): string[] {
  const c = node.properties.className
  return Array.isArray(c) ? c.map(String) : []
}

/** Whether an element's text may never hold a link made by kogi. */
export function isOffLimits(node: Element): boolean {
  return NEVER.has(node.tagName) || classes(node).some((c) => NEVER_CLASSES.includes(c))
}

/** A match found in a text node: where it is and what to put there. */
export interface Replacement {
  readonly start: number
  readonly end: number
  readonly node: ElementContent
}

/**
 * Visit every prose text node (outside headings, links, code, math and the glossary) and let
 * `find` replace parts of it.
 *
 * @param tree The page.
 * @param find Given a text node and its ancestors, the replacements in ascending, non-overlapping order.
 */
export function rewriteProse(tree: Root, find: (node: Text, ancestors: readonly (Root | Element)[]) => Replacement[]): void {
  visitParents(tree, (node, ancestors) => {
    if (node.type === 'element' && isOffLimits(node)) return SKIP
    if (node.type !== 'text') return undefined
    const parent = ancestors[ancestors.length - 1] as Root | Element | undefined
    if (!parent) return undefined
    const found = find(node, ancestors as (Root | Element)[])
    if (found.length === 0) return undefined
    const parts: ElementContent[] = []
    let at = 0
    for (const r of found) {
      if (r.start > at) parts.push({ type: 'text', value: node.value.slice(at, r.start) })
      parts.push(r.node)
      at = r.end
    }
    if (at < node.value.length) parts.push({ type: 'text', value: node.value.slice(at) })
    const index = parent.children.indexOf(node as RootContent & ElementContent)
    ;(parent.children as ElementContent[]).splice(index, 1, ...parts)
    return [SKIP, index + parts.length]
  })
}
