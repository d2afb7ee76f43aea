/**
 * rehype plugin: typeset a page's math with rehype-katex, using that page's own macros.
 *
 * rehype-katex keeps the options object it is given for every file, so one shared `macros`
 * object would carry one lecture's `\newcommand`s into the next. This wrapper creates the
 * transform per file with the macros `remark-page-macros` prepared, and `globalGroup` so a
 * definition inside one formula holds for the rest of the page (as MathJax does).
 * Its failure messages are rewritten to carry KaTeX's own reason, which says what is wrong.
 */
import { typeset } from './katex-render.js'
import type { Root, Element } from 'hast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'

/** Options for {@link rehypeKatexPage}. */
export interface Options {
  /** KaTeX output format; default `htmlAndMathml` so screen readers get MathML. */
  readonly output?: 'html' | 'mathml' | 'htmlAndMathml'
}

function isMath(node: Element): boolean {
  const cls = node.properties.className
  return Array.isArray(cls) && (cls.includes('math-inline') || cls.includes('math-display'))
}

/**
 * Typeset math per page.
 *
 * @param options KaTeX output settings.
 */
export default function rehypeKatexPage(options: Readonly<Options> = {}) {
  return function transform(tree: Root, file: VFile): void {
    let count = 0
    visit(tree, 'element', (node, _index, parent) => {
      if (!isMath(node)) return
      count++
      // remark-math's display blocks carry their position on the <pre>, which rehype-katex
      // does not read; without it a KaTeX error would have no line.
      if (!node.position && parent?.type === 'element' && parent.position) node.position = parent.position
    })
    if (file.data.facts) file.data.facts.formulas = count
    if (count === 0) return
    const before = file.messages.length
    // rehype-katex's work, with a render cache (katex-render.ts).
    typeset(tree, file, {
      macros: file.data.macros ?? {},
      globalGroup: true,
      output: options.output ?? 'htmlAndMathml',
      // Japanese text in math is normal for this author; KaTeX's console warnings are noise.
      strict: 'ignore',
    })
    for (const message of file.messages.slice(before)) {
      if (message.source !== 'rehype-katex') continue
      const cause = message.cause as Error | undefined
      if (cause?.message) message.reason = message.message = cause.message.replace(/^KaTeX parse error: /, '')
      message.source = 'kogi'
      message.ruleId = 'katex'
    }
  }
}
