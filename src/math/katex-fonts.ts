/**
 * Which KaTeX font files a page's typeset formulas use, so its head can preload them.
 *
 * A browser asks for a web font only once it has the stylesheet, has laid out the page and met
 * a glyph in that face: on a slow phone the fonts then arrive last, and the math shows late.
 * With `<link rel="preload">` they are fetched beside the stylesheet. Only the faces a page uses
 * are listed, since a preloaded font that is not used is fetched for nothing.
 *
 * The faces come from KaTeX's own stylesheet: each rule `.katex .a.b {font-family; font-weight;
 * font-style}` says which face an element with those classes is drawn in, and each `@font-face`
 * which file holds that face. A formula's elements are read from its HTML by their `class`
 * attributes; a rule applies when one element has all the classes of its last part. Faces a
 * rule leaves open (`\textbf` sets only the weight) are taken as KaTeX_Main's, where text is set.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'

interface Rule {
  /** Every compound of the selector after `.katex`, as its class names. */
  readonly parts: readonly (readonly string[])[]
  readonly file: string
}

let rules: readonly Rule[] | undefined
/** KaTeX's base face, which every formula uses. */
const BASE = 'KaTeX_Main-Regular.woff2'

function declaration(block: string, name: string): string | undefined {
  // KaTeX quotes some family names ("KaTeX_SansSerif") and not others.
  return new RegExp(`(?:^|;)${name}:([^;]+)`).exec(block)?.[1]?.trim().replace(/^"(.*)"$/, '$1')
}

function readRules(): readonly Rule[] {
  const css = fs.readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'), 'utf8')
  const files = new Map<string, string>()
  for (const [, block] of css.matchAll(/@font-face\{([^}]*)\}/g)) {
    const file = /url\(fonts\/([^)]+\.woff2)\)/.exec(block!)?.[1]
    if (file) files.set(`${declaration(block!, 'font-family')}|${declaration(block!, 'font-weight')}|${declaration(block!, 'font-style')}`, file)
  }
  const out: Rule[] = []
  for (const [, selectors, block] of css.matchAll(/([^{}@]+)\{([^{}]*)\}/g)) {
    const family = declaration(block!, 'font-family')
    const weight = declaration(block!, 'font-weight')
    const style = declaration(block!, 'font-style')
    if (!family?.startsWith('KaTeX_') && !weight && !style) continue
    const key = `${family?.startsWith('KaTeX_') ? family : 'KaTeX_Main'}|${weight === 'bold' ? '700' : (weight ?? '400')}|${style ?? 'normal'}`
    const file = files.get(key)
    if (!file) continue
    for (const selector of selectors!.split(',')) {
      const compounds = selector.trim().split(/\s*[ >]\s*/)
      if (compounds[0] !== '.katex' || compounds.length < 2) continue
      // A bare element name (`>span`) adds no class to look for.
      const parts = compounds.slice(1).map((c) => c.split('.').slice(1)).filter((p) => p.length > 0)
      if (parts.length > 0 && parts.every((p) => p.every((c) => /^[\w-]+$/.test(c)))) out.push({ parts, file })
    }
  }
  return out
}

/**
 * The KaTeX font files that formulas drawn from this HTML use, sorted.
 *
 * @param htmls The typeset formulas' HTML.
 */
export function katexFonts(htmls: Iterable<string>): string[] {
  rules ??= readRules()
  const lists = new Set<string>()
  let any = false
  for (const html of htmls) {
    any = true
    for (const [, classes] of html.matchAll(/ class="([^"]*)"/g)) lists.add(classes!)
  }
  if (!any) return []
  const elements = [...lists].map((l) => new Set(l.split(' ')))
  const used = new Set([BASE])
  for (const rule of rules) {
    if (used.has(rule.file)) continue
    if (rule.parts.every((part) => elements.some((e) => part.every((c) => e.has(c))))) used.add(rule.file)
  }
  return [...used].sort()
}
