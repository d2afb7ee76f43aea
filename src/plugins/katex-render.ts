/**
 * Typeset a page's math with KaTeX, reusing earlier renders of the same formula.
 *
 * This does what rehype-katex does (same markup, same messages) with one difference: each
 * render is remembered by (TeX, display mode, fingerprint of the macros in force), because the
 * instructor's formulas repeat a lot across and within lectures, and KaTeX's HTML output
 * parsed back into a tree costs more than KaTeX itself. A remembered tree is cloned on use, so
 * no two places in a page (or two pages) share nodes.
 *
 * Macros are the subtle part: with `globalGroup`, a formula may define macros that hold for
 * the rest of the page, so a cached result must never stand in for a render that would have
 * changed the macros. A render is remembered only when it left the macros object exactly as it
 * found it; since KaTeX is deterministic given (TeX, display, macros), a formula that did not
 * define anything under one macro state never will under the same state. After any render
 * that did change the macros, the fingerprint is recomputed.
 */
import katex, { type KatexOptions } from 'katex'
import { fromHtmlIsomorphic } from 'hast-util-from-html-isomorphic'
import { toText } from 'hast-util-to-text'
import type { Root, Element, ElementContent } from 'hast'
import type { VFile } from 'vfile'
import { visitParents, SKIP } from 'unist-util-visit-parents'
import { createHash } from 'node:crypto'

type Macros = NonNullable<KatexOptions['macros']>

/** At most this many renders are kept per thread (a few tens of MB of trees). */
const LIMIT = 20000
const renders = new Map<string, readonly ElementContent[]>()
let hits = 0
let misses = 0

/** How often the render cache was used in this thread (for the benchmark and tests). */
export function renderCacheStats(): { hits: number; misses: number; size: number } {
  return { hits, misses, size: renders.size }
}

/** Forget every remembered render (tests). */
export function clearRenderCache(): void {
  renders.clear()
  hits = misses = 0
}

/**
 * A string that is equal for two macro sets exactly when they expand alike, or undefined when
 * that cannot be told (a macro implemented by a function), in which case nothing is cached.
 *
 * @param macros A page's macros object, as KaTeX fills it.
 */
export function macrosFingerprint(macros: Readonly<Macros>): string | undefined {
  const names = Object.keys(macros).sort()
  let opaque = false
  // Tokens carry a `loc` pointing at the whole lexer (the page's TeX); only text matters.
  const json = JSON.stringify(names.map((n) => [n, macros[n]]), (key, value: unknown) => {
    if (typeof value === 'function') opaque = true
    return key === 'loc' ? undefined : value
  })
  return opaque ? undefined : createHash('sha1').update(json).digest('base64')
}

function snapshot(macros: Readonly<Macros>): Map<string, unknown> {
  return new Map(Object.entries(macros))
}

function unchanged(before: Map<string, unknown>, macros: Readonly<Macros>): boolean {
  const names = Object.keys(macros)
  return names.length === before.size && names.every((n) => before.get(n) === macros[n])
}

/** KaTeX settings for {@link typeset}; `macros` is the page's own object and is written to. */
export type TypesetOptions = Omit<KatexOptions, 'displayMode' | 'throwOnError'> & { macros: Macros }

/** Render one formula as rehype-katex would, reporting a failure on `file`. */
function render(value: string, displayMode: boolean, settings: TypesetOptions, file: VFile, element: Element): ElementContent[] {
  let html: string
  try {
    html = katex.renderToString(value, { ...settings, displayMode, throwOnError: true })
  } catch (error) {
    const cause = error as Error
    file.message('Could not render math with KaTeX', { cause, place: element.position, ruleId: cause.name.toLowerCase(), source: 'rehype-katex' })
    try {
      html = katex.renderToString(value, { ...settings, displayMode, strict: 'ignore', throwOnError: false })
    } catch {
      return [{ type: 'element', tagName: 'span', properties: { className: ['katex-error'], style: 'color:' + (settings.errorColor ?? '#cc0000'), title: String(error) }, children: [{ type: 'text', value }] }]
    }
  }
  return fromHtmlIsomorphic(html, { fragment: true }).children as ElementContent[]
}

/**
 * Replace every math element of a tree by KaTeX's rendering.
 *
 * @param tree The page's hast tree (math as remark-math leaves it).
 * @param file The page; failures become messages on it (source `rehype-katex`).
 * @param settings KaTeX settings; `macros` is the page's object, which definitions extend.
 */
export function typeset(tree: Root, file: VFile, settings: TypesetOptions): void {
  const { macros } = settings
  let fingerprint = macrosFingerprint(macros)
  visitParents(tree, 'element', (element, parents) => {
    const classes = Array.isArray(element.properties.className) ? element.properties.className : []
    // The same choice of elements as rehype-katex: remark-math marks inline math
    // `code.language-math.math-inline` and display math `pre > code.language-math.math-display`.
    const languageMath = classes.includes('language-math')
    const mathDisplay = classes.includes('math-display')
    if (!languageMath && !mathDisplay && !classes.includes('math-inline')) return
    let parent = parents[parents.length - 1]
    let scope: Element = element
    let displayMode = mathDisplay
    if (element.tagName === 'code' && languageMath && parent?.type === 'element' && parent.tagName === 'pre') {
      scope = parent
      parent = parents[parents.length - 2]
      displayMode = true
    }
    if (!parent) return
    const value = toText(scope, { whitespace: 'pre' })
    const key = fingerprint === undefined ? undefined : `${displayMode ? 'D' : 'I'}${settings.output ?? ''}${fingerprint}\u0000${value}`
    const known = key === undefined ? undefined : renders.get(key)
    let result: ElementContent[]
    if (known) {
      hits++
      result = structuredClone(known) as ElementContent[]
    } else {
      misses++
      const before = snapshot(macros)
      const messages = file.messages.length
      result = render(value, displayMode, settings, file, element)
      if (!unchanged(before, macros)) fingerprint = macrosFingerprint(macros)
      else if (key !== undefined && file.messages.length === messages) {
        if (renders.size >= LIMIT) renders.delete(renders.keys().next().value!)
        renders.set(key, structuredClone(result))
      }
    }
    const index = parent.children.indexOf(scope)
    parent.children.splice(index, 1, ...result)
    return [SKIP, index + result.length]
  })
}
