/**
 * rehype plugin: typeset a page's math with rehype-katex, using that page's own macros.
 *
 * rehype-katex keeps the options object it is given for every file, so one shared `macros`
 * object would carry one lecture's `\newcommand`s into the next. This wrapper creates the
 * transform per file with the macros `remark-page-macros` prepared, and `globalGroup` so a
 * definition inside one formula holds for the rest of the page (as MathJax does).
 * Its failure messages are rewritten to carry KaTeX's own reason, which says what is wrong.
 */
import rehypeKatex from 'rehype-katex'
import type { Root, Element } from 'hast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'
import { toString } from 'hast-util-to-string'

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
    const formulas: Element[] = []
    visit(tree, 'element', (node, _index, parent) => {
      if (!isMath(node)) return
      count++
      formulas.push(node)
      // remark-math's display blocks carry their position on the <pre>, which rehype-katex
      // does not read; without it a KaTeX error would have no line.
      if (!node.position && parent?.type === 'element' && parent.position) node.position = parent.position
    })
    if (file.data.facts) file.data.facts.formulas = count
    if (count === 0) return
    const before = file.messages.length
    const katexTransform = rehypeKatex({
      macros: file.data.macros ?? {},
      globalGroup: true,
      output: options.output ?? 'htmlAndMathml',
      // Japanese text in math is normal for this author; KaTeX's console warnings are noise.
      strict: 'ignore',
      // Equation references become `\href{#eq-x}{…}` (rehype-equations); only in-page links are trusted.
      trust: (context) => context.command === '\\href' && context.url.startsWith('#'),
    })
    // KaTeX prints "No character metrics" to the console for a character its fonts lack; say it
    // once per page in the report instead, where the author can see it.
    const warn = console.warn
    const missing = new Set<string>()
    console.warn = (...args: unknown[]) => {
      const m = /^No character metrics for '(.+?)'/u.exec(String(args[0]))
      if (m) missing.add(m[1]!)
      else warn(...args)
    }
    try {
      katexTransform(tree, file)
    } finally {
      console.warn = warn
    }
    for (const c of missing) {
      const code = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
      const at = formulas.find((f) => toString(f).includes(c))?.position?.start ?? { line: 1, column: 1 }
      file.message(`KaTeX's fonts have no '${c}' (U+${code}); it is drawn in a fallback font`, { place: at, ruleId: 'katex-font', source: 'kogi' })
    }
    for (const message of file.messages.slice(before)) {
      if (message.source !== 'rehype-katex') continue
      const cause = message.cause as Error | undefined
      if (cause?.message) message.reason = message.message = cause.message.replace(/^KaTeX parse error: /, '')
      message.source = 'kogi'
      message.ruleId = 'katex'
    }
  }
}
