/**
 * rehype plugin: typeset a page's math with rehype-katex, using that page's own macros, and
 * keep each typeset formula as one `raw` node of HTML.
 *
 * rehype-katex keeps the options object it is given for every file, so one shared `macros`
 * object would carry one lecture's `\newcommand`s into the next. This wrapper creates the
 * transform per file with the macros `remark-page-macros` prepared, and `globalGroup` so a
 * definition inside one formula holds for the rest of the page (as MathJax does).
 *
 * Speed: rehype-katex parses KaTeX's HTML back into a tree (parse5, then a walk to strip
 * positions), and every later walk and the serializer then go through those large subtrees; in
 * a profile of the corpus that took twice as long as KaTeX itself. Here a formula is typeset by
 * KaTeX with exactly rehype-katex's settings and its HTML kept as it is, as one `raw` node
 * (`data.tex` holds its TeX for text extraction): the page a browser builds from it is the same
 * as from rehype-katex's tree (test/katex-direct.test.ts compares them), only serialized by KaTeX
 * rather than by hast-util-to-html. A formula KaTeX rejects goes through rehype-katex itself,
 * which reports it and typesets it in red, with the macro table as it was before the attempt.
 * A formula typeset before in this process with the same macros within its reach is taken from
 * the cache (src/math/katex-cache.ts, keys from src/math/formula-key.ts) without calling KaTeX.
 * A formula that defines macros or otherwise changes the page's macro table, and every formula
 * after it on the page, is always typeset, since what it means depends on the page.
 * Failure messages are rewritten to carry KaTeX's own reason, which says what is wrong.
 */
import rehypeKatex, { type Options as KatexOptions } from 'rehype-katex'
import katex from 'katex'
import type { Root, Element, ElementContent, Parent, Nodes } from 'hast'
import type { Raw } from 'mdast-util-to-hast'
import type { VFile } from 'vfile'
import { toText } from 'hast-util-to-text'
import { toHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import { visitParents, SKIP } from '../markdown/visit.js'
import { cacheFormula, cachedFormula } from '../math/katex-cache.js'
import { formulaKeys, unchangedSince } from '../math/formula-key.js'
import { katexFonts } from '../math/katex-fonts.js'

/** Options for {@link rehypeKatexPage}. */
export interface Options {
  /** KaTeX output format; default `htmlAndMathml` so screen readers get MathML. */
  readonly output?: 'html' | 'mathml' | 'htmlAndMathml'
}

/** A formula's node after typesetting. */
export interface FormulaRaw extends Raw {
  data: Raw['data'] & { tex: string; display: boolean }
}

/** One formula: the node rehype-katex replaces (`scope`) and how it is typeset. */
interface Formula {
  readonly scope: Element
  readonly parent: Parent
  readonly tex: string
  readonly display: boolean
}

function classesOf(node: Element): readonly unknown[] {
  return Array.isArray(node.properties.className) ? node.properties.className : []
}

/** The formulas of a page in document order, chosen exactly as rehype-katex chooses them. */
function formulasOf(tree: Root): Formula[] {
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
    formulas.push({ scope, parent: parent as Parent, tex: toText(scope, { whitespace: 'pre' }), display })
    return SKIP
  })
  return formulas
}

/**
 * Typeset math per page.
 *
 * @param options KaTeX output settings.
 */
export default function rehypeKatexPage(options: Readonly<Options> = {}) {
  const output = options.output ?? 'htmlAndMathml'
  return function transform(tree: Root, file: VFile): void {
    const formulas = formulasOf(tree)
    if (file.data.facts) file.data.facts.formulas = formulas.length
    if (formulas.length === 0) return
    const macros = file.data.macros ?? {}
    const before = file.messages.length
    const settings: KatexOptions = {
      macros,
      globalGroup: true,
      output,
      // Japanese text in math is normal for this author; KaTeX's console warnings are noise.
      strict: 'ignore',
      // Equation references become `\href{#eq-x}{…}` (rehype-equations); only in-page links are trusted.
      trust: (context) => context.command === '\\href' && context.url.startsWith('#'),
    }
    const katexTransform = rehypeKatex(settings)
    /** KaTeX's HTML of a formula, as rehype-katex renders it; undefined when KaTeX rejects it. */
    const typeset = (tex: string, display: boolean): string | undefined => {
      const before = { ...macros }
      try {
        return katex.renderToString(tex, { ...settings, displayMode: display, throwOnError: true })
      } catch {
        // Definitions made before the error would be made twice when rehype-katex tries again.
        for (const name of Object.keys(macros)) if (!(name in before)) delete macros[name]
        Object.assign(macros, before)
        return undefined
      }
    }
    // Cache keys from the macros as the page starts; none from the first formula that may change
    // them (it names a definition command) or that did change them (caught after typesetting).
    let keyOf: ReturnType<typeof formulaKeys> | undefined = formulaKeys(macros, output)
    const unchanged = unchangedSince(macros)
    // KaTeX prints "No character metrics" to the console for a character its fonts lack; say it
    // once per page in the report instead, where the author can see it.
    const warn = console.warn
    const missing = new Set<string>()
    let warnings = 0
    console.warn = (...args: unknown[]) => {
      warnings++
      const m = /^No character metrics for '(.+?)'/u.exec(String(args[0]))
      if (m) missing.add(m[1]!)
      else warn(...args)
    }
    const htmls: string[] = []
    try {
      for (const { scope, parent, tex, display } of formulas) {
        const key = keyOf?.(tex, display)
        if (key === undefined) keyOf = undefined
        let html = key === undefined ? undefined : cachedFormula(key)
        if (html === undefined) {
          const messages = file.messages.length
          const warned = warnings
          html = typeset(tex, display)
          if (html === undefined) {
            const root: Root = { type: 'root', children: [scope] }
            katexTransform(root, file)
            html = toHtml(root.children as ElementContent[])
          }
          if (keyOf && !unchanged()) keyOf = undefined
          else if (key !== undefined && file.messages.length === messages && warnings === warned) cacheFormula(key, html)
        }
        htmls.push(html)
        const raw: FormulaRaw = { type: 'raw', value: html, data: { tex, display } }
        parent.children.splice(parent.children.indexOf(scope as never), 1, raw as never)
      }
    } finally {
      console.warn = warn
    }
    if (file.data.facts) file.data.facts.fonts = katexFonts(htmls)
    for (const c of missing) {
      const code = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
      const at = formulas.find((f) => toString(f.scope).includes(c))?.scope.position?.start ?? { line: 1, column: 1 }
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

/** Whether a node is a typeset formula. */
export function isFormula(node: Nodes): node is FormulaRaw {
  return node.type === 'raw' && typeof (node.data as { tex?: unknown } | undefined)?.tex === 'string'
}
