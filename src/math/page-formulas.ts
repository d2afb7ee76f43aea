/**
 * The formulas of a page's tree, found exactly as rehype-katex finds them, and the element that
 * stands for a formula kogi does not typeset.
 */
import type { Root, Element, Parent } from 'hast'
import type { Position } from 'unist'
import { toText } from 'hast-util-to-text'
import { visitParents, SKIP } from '../markdown/visit.js'

/** One formula: the node typesetting replaces (`scope`), its TeX and where it is. */
export interface Formula {
  readonly scope: Element
  readonly parent: Parent
  readonly tex: string
  readonly display: boolean
  /** The formula's place in the source, for messages. */
  readonly position: Position | undefined
}

function classesOf(node: Element): readonly unknown[] {
  return Array.isArray(node.properties.className) ? node.properties.className : []
}

/**
 * The formulas of a page in document order, chosen exactly as rehype-katex chooses them.
 *
 * @param tree The page's tree, math still as remark-math's `code` elements.
 */
export function formulasOf(tree: Root): Formula[] {
  const formulas: Formula[] = []
  visitParents(tree, 'element', (node: Element, ancestors) => {
    const classes = classesOf(node)
    const languageMath = classes.includes('language-math')
    const mathDisplay = classes.includes('math-display')
    if (!languageMath && !mathDisplay && !classes.includes('math-inline')) return
    let parent = ancestors[ancestors.length - 1]
    let scope = node
    let display = mathDisplay
    if (node.tagName === 'code' && languageMath && parent?.type === 'element' && parent.tagName === 'pre') {
      scope = parent
      parent = ancestors[ancestors.length - 2]
      display = true
    }
    if (!parent) return
    // remark-math's display blocks carry their position on the <pre>, which rehype-katex does not
    // read; without it a KaTeX error would have no line.
    if (!node.position && scope.position) node.position = scope.position
    formulas.push({ scope, parent: parent as Parent, tex: toText(scope, { whitespace: 'pre' }), display, position: node.position })
    return SKIP
  })
  return formulas
}

/**
 * A formula shown as its TeX source instead of typeset, marked as KaTeX marks a formula it
 * rejects (`katex-error`: drawn in the error colour, left out of the search index).
 *
 * @param formula The formula.
 * @param reason Why it is not typeset, shown on hover.
 */
export function sourceElement(formula: Formula, reason: string): Element {
  const properties = { className: ['katex-error'], title: reason }
  const text = { type: 'text' as const, value: formula.tex }
  if (!formula.display) return { type: 'element', tagName: 'code', properties, children: [text] }
  return { type: 'element', tagName: 'pre', properties, children: [{ type: 'element', tagName: 'code', properties: {}, children: [text] }] }
}
