/**
 * rehype plugin: equation labels, numbers and references, before KaTeX sees the math.
 *
 * Display formulas are numbered per page (see `equation-numbers.ts`); each `\label{x}` becomes
 * an anchor `eq-x` on the formula and is removed from the TeX, which KaTeX would reject.
 * `\eqref{x}` and `\ref{x}`, in math or bare in prose, become links showing the number
 * (`(3)` or `3`); in math they are written as `\href{#eq-x}{…}`, which `rehype-katex-page`
 * trusts for fragment links only. A reference to an unknown label is a warning at its place.
 * An inline formula's `\label` (a `$$…$$` glued to the paragraph above, which kramdown makes
 * inline) is taken out as MathJax takes it: silently, with no number to refer to.
 */
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { visitParents } from '../markdown/visit.js'
import type { VFile } from 'vfile'
import type { Point } from 'unist'
import { numberEquation, stripLabels } from './equation-numbers.js'
import { rewriteProse, type Replacement } from './hast-prose.js'

/** Options for {@link rehypeEquations}. */
export interface Options {
  /** Prefix of equation anchors; default `eq-`. */
  readonly prefix?: string
}

const REF = /\\(eqref|ref)\s*\{([^{}]*)\}/g

function mathKind(node: Element): 'inline' | 'display' | undefined {
  const cls = node.properties.className
  if (!Array.isArray(cls)) return undefined
  return cls.includes('math-display') ? 'display' : cls.includes('math-inline') ? 'inline' : undefined
}

/** An id made from a label, kept readable: spaces become dashes. */
export function labelId(prefix: string, name: string): string {
  return prefix + name.trim().replace(/\s+/g, '-')
}

/** The point `before` characters after `start`, counting lines. */
function shift(start: Point, before: string): Point {
  const lines = before.split('\n')
  return lines.length === 1 ? { line: start.line, column: start.column + before.length } : { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1 }
}

/**
 * Number equations and resolve references.
 *
 * @param options Anchor prefix.
 */
export default function rehypeEquations(options: Readonly<Options> = {}) {
  const prefix = options.prefix ?? 'eq-'
  return function transform(tree: Root, file: VFile): void {
    const numbers = new Map<string, string>()
    const math: { node: Element; parent?: Element; grand?: Root | Element }[] = []
    visitParents(tree, 'element', (node, ancestors) => {
      if (!mathKind(node)) return
      const parent = ancestors[ancestors.length - 1]
      math.push({ node, ...(parent?.type === 'element' ? { parent } : {}), ...(ancestors.length > 1 ? { grand: ancestors[ancestors.length - 2] } : {}) })
    })
    if (math.length === 0 && !toString(tree).includes('ref{')) return
    let counter = 0
    // Labels of inline formulas, for a reference to them to say why it finds no number.
    const inlineLabels = new Set<string>()
    for (const { node, parent, grand } of math) {
      if (mathKind(node) !== 'display') {
        const { tex, names } = stripLabels(toString(node))
        if (names.length > 0) node.children = [{ type: 'text', value: tex }]
        for (const name of names) inlineLabels.add(name)
        continue
      }
      const { tex, labels } = numberEquation(toString(node), () => ++counter)
      node.children = [{ type: 'text', value: tex }]
      const anchors: Element[] = []
      for (const label of labels) {
        if (numbers.has(label.name)) {
          file.message(`label “${label.name}” is defined twice on this page`, { place: (parent ?? node).position?.start, ruleId: 'equation-label', source: 'kogi' })
          continue
        }
        numbers.set(label.name, label.number)
        anchors.push({ type: 'element', tagName: 'span', properties: { id: labelId(prefix, label.name), className: ['kogi-eq-anchor'] }, children: [] })
      }
      // KaTeX replaces the whole <pre>, so the anchors go on a wrapper around it.
      if (anchors.length > 0 && parent?.tagName === 'pre' && grand) {
        const at = grand.children.indexOf(parent)
        grand.children[at] = { type: 'element', tagName: 'div', properties: { className: ['kogi-equation'] }, children: [...anchors, parent], position: parent.position }
      }
    }

    const unknown = (name: string, place: Element['position']) => {
      const why = inlineLabels.has(name.trim()) ? ': it labels a formula inside a paragraph, which has no number; leave a blank line before its $$ to make it a display equation' : ''
      file.message(`no equation labelled “${name}” on this page${why}`, { place: place?.start, ruleId: 'equation-ref', source: 'kogi' })
    }

    for (const { node, parent } of math) {
      const tex = toString(node)
      if (!tex.includes('ref')) continue
      const replaced = tex.replace(REF, (_all, kind: string, name: string) => {
        const number = numbers.get(name.trim())
        if (number === undefined) {
          unknown(name, node.position ?? parent?.position)
          return '\\text{(??)}'
        }
        const shown = kind === 'eqref' ? `(${number})` : number
        return `\\href{#${labelId(prefix, name)}}{\\text{${shown}}}`
      })
      node.children = [{ type: 'text', value: replaced }]
    }

    rewriteProse(tree, (text, ancestors) => {
      const found: Replacement[] = []
      for (const m of text.value.matchAll(REF)) {
        const name = m[2]!.trim()
        const number = numbers.get(name)
        if (number === undefined) {
          const holder = [...ancestors].reverse().find((a) => a.position)
          unknown(name, text.position ? { start: shift(text.position.start, text.value.slice(0, m.index)), end: text.position.end } : holder?.position)
          continue
        }
        const link: Element = { type: 'element', tagName: 'a', properties: { href: `#${labelId(prefix, name)}`, className: ['kogi-eqref'] }, children: [{ type: 'text', value: m[1] === 'eqref' ? `(${number})` : number }] }
        found.push({ start: m.index, end: m.index + m[0].length, node: link })
      }
      return found
    })
  }
}
