/**
 * rehype plugin: make MathJax-era TeX acceptable to KaTeX, just before typesetting.
 *
 * Adds {@link MATHJAX_MACROS} to the page's macros where the page has not defined the name
 * itself, and runs {@link mathjaxCompat} over the TeX of every formula. Runs right before
 * `rehype-katex-page`, after every plugin that may add or move math.
 */
import type { Root, Element } from 'hast'
import type { VFile } from 'vfile'
import { visit } from '../markdown/visit.js'
import { MATHJAX_MACROS, mathjaxCompat } from '../math/mathjax-compat.js'

/** Options for {@link rehypeMathjaxCompat}. */
export interface Options {
  /** Add the MathJax macros (`\mbox`, `\pmatrix`, …) to each page; default `true`. */
  readonly macros?: boolean
}

function mathClass(node: Element): 'inline' | 'display' | undefined {
  const cls = node.properties.className
  if (!Array.isArray(cls)) return undefined
  if (cls.includes('math-display')) return 'display'
  if (cls.includes('math-inline')) return 'inline'
  return undefined
}

/**
 * Rewrite MathJax-only TeX for KaTeX.
 *
 * @param options Whether to add the MathJax macros.
 */
export default function rehypeMathjaxCompat(options: Readonly<Options> = {}) {
  return function transform(tree: Root, file: VFile): void {
    if (options.macros ?? true) {
      const macros = (file.data.macros ??= {})
      for (const [name, body] of Object.entries(MATHJAX_MACROS)) if (!(name in macros)) macros[name] = body
    }
    const lines = String(file.value).split('\n')
    visit(tree, 'element', (node: Element) => {
      const kind = mathClass(node)
      if (!kind) return
      // Math found inside raw HTML was wrapped in a longer string than the source, so parse5's
      // columns there can run past the end of the line; keep messages inside the line.
      for (const point of [node.position?.start, node.position?.end]) {
        const line = point ? lines[point.line - 1] : undefined
        if (point && line !== undefined && point.column > line.length + 1) {
          point.column = line.length + 1
          point.offset = undefined
        }
      }
      for (const child of node.children) {
        if (child.type === 'text') child.value = mathjaxCompat(child.value, kind === 'inline')
      }
    })
  }
}
