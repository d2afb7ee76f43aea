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
 * A formula typeset before with the same macros within its reach is taken from the cache the
 * processor's owner passes in (src/math/katex-cache.ts, keys from src/math/formula-key.ts)
 * without calling KaTeX.
 * A formula that defines macros or otherwise changes the page's macro table, and every formula
 * after it on the page, is always typeset, since what it means depends on the page.
 * Failure messages are rewritten to carry KaTeX's own reason, which says what is wrong.
 *
 * Bounded work: a formula over the limits of src/math/limits.ts (its length, what it becomes
 * as the page's macros expand, the page's math in all) is not given to KaTeX; it is reported at
 * its place and shown as its TeX source. Characters KaTeX has no glyph for and commands its
 * trust settings refuse are reported too (src/math/katex-notes.ts).
 */
import rehypeKatex, { type Options as KatexOptions } from 'rehype-katex'
import katex from 'katex'
import type { Root, ElementContent, Nodes } from 'hast'
import type { Raw } from 'mdast-util-to-hast'
import type { VFile } from 'vfile'
import { toHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import type { FormulaCache } from '../math/katex-cache.js'
import { KatexNames } from '../math/katex-knows.js'
import { formulaKeys, unchangedSince } from '../math/formula-key.js'
import { katexFonts } from '../math/katex-fonts.js'
import { MATH_LIMITS, type MathLimits } from '../math/limits.js'
import { PageBudget } from '../math/page-budget.js'
import { formulasOf, sourceElement } from '../math/page-formulas.js'
import { KatexNotes, refusedMessage } from '../math/katex-notes.js'
import { missingGlyphs } from '../math/katex-glyphs.js'

/** Options for {@link rehypeKatexPage}. */
export interface Options {
  /** KaTeX output format; default `htmlAndMathml` so screen readers get MathML. */
  readonly output?: 'html' | 'mathml' | 'htmlAndMathml'
  /** Formulas typeset before, kept by the processor's owner; default none (every formula typeset). */
  readonly cache?: FormulaCache
  /** Limits on the math of a page; default {@link MATH_LIMITS}. */
  readonly limits?: MathLimits
}

/** A formula's node after typesetting. */
export interface FormulaRaw extends Raw {
  data: Raw['data'] & { tex: string; display: boolean }
}

/**
 * Typeset math per page.
 *
 * @param options KaTeX output settings, the formula cache and the limits.
 */
export default function rehypeKatexPage(options: Readonly<Options> = {}) {
  const output = options.output ?? 'htmlAndMathml'
  const { cache } = options
  const limits = options.limits ?? MATH_LIMITS
  return function transform(tree: Root, file: VFile): void {
    const formulas = formulasOf(tree)
    if (file.data.facts) file.data.facts.formulas = formulas.length
    if (formulas.length === 0) return
    const macros = file.data.macros ?? {}
    const before = file.messages.length
    const notes = new KatexNotes()
    const settings: KatexOptions = { macros, globalGroup: true, output, strict: notes.strict, trust: notes.trust }
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
    // Without a cache, what KaTeX knows is asked afresh for each page.
    const names = cache ?? new KatexNames()
    const knows = (name: string) => names.knows(name)
    // Cache keys from the macros as the page starts; none from the first formula that may change
    // them (it names a definition command) or that did change them (caught after typesetting).
    let keyOf = cache && formulaKeys(macros, output, knows)
    const unchanged = unchangedSince(macros)
    const budget = new PageBudget(limits, formulas.length, knows)
    const htmls: string[] = []
    formulas.forEach((formula, index) => {
      const { scope, parent, tex, display, position } = formula
      const over = budget.admit(tex, macros, index)
      if (over) {
        if (over.report) file.message(over.reason, { place: position, ruleId: over.ruleId, source: 'kogi' })
        parent.children.splice(parent.children.indexOf(scope as never), 1, sourceElement(formula, over.reason) as never)
        return
      }
      const key = keyOf?.(tex, display)
      if (key === undefined) keyOf = undefined
      let html = key === undefined ? undefined : cache?.get(key)
      if (html === undefined) {
        const messages = file.messages.length
        const reports = notes.reports
        html = typeset(tex, display)
        if (html === undefined) {
          const root: Root = { type: 'root', children: [scope] }
          katexTransform(root, file)
          html = toHtml(root.children as ElementContent[])
        }
        for (const refused of notes.takeRefused()) file.message(refusedMessage(refused), { place: position, ruleId: 'katex-untrusted', source: 'kogi' })
        if (keyOf && !unchanged()) keyOf = undefined
        else if (key !== undefined && file.messages.length === messages && notes.reports === reports) cache?.set(key, html)
      }
      htmls.push(html)
      const raw: FormulaRaw = { type: 'raw', value: html, data: { tex, display } }
      parent.children.splice(parent.children.indexOf(scope as never), 1, raw as never)
    })
    if (file.data.facts) file.data.facts.fonts = katexFonts(htmls)
    for (const c of notes.missing.size > 0 ? missingGlyphs(notes.missing) : []) {
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
