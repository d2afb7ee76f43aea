/**
 * remark plugin: give each page its own KaTeX macros and consume its macro-definition blocks.
 *
 * The instructor opens lectures with a `$$ \newcommand… $$` block, as MathJax pages do. Such a
 * block defines macros for the rest of that page and shows nothing. Every page starts from a
 * fresh copy of the site's macros, so one lecture's definitions never leak into the next.
 * A block longer than a formula may be (src/math/limits.ts) is not read: it stays on the page,
 * where rehype-katex-page reports it and shows it as TeX.
 */
import katex, { type KatexOptions } from 'katex'
import type { Root, Nodes } from 'mdast'
import type { VFile } from 'vfile'
import { visit, SKIP } from '../markdown/visit.js'
import { MATH_LIMITS } from '../math/limits.js'

/** Options for {@link remarkPageMacros}. */
export interface Options {
  /** Site-wide macros every page starts from; default none. Never mutated. */
  readonly macros?: Readonly<Record<string, string>>
}

const DEFINERS = new Set(['newcommand', 'renewcommand', 'providecommand', 'def', 'gdef', 'edef', 'xdef', 'let', 'DeclareMathOperator', 'DeclareRobustCommand'])

/** Index just after the balanced group starting at `text[at] === '{'`, or -1. */
function skipGroup(text: string, at: number): number {
  let depth = 0
  for (let i = at; i < text.length; i++) {
    const c = text[i]
    if (c === '\\') i++
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i + 1
  }
  return -1
}

/**
 * Whether a TeX string holds nothing but macro definitions (and whitespace or `%` comments).
 *
 * @param tex The content of a display-math block.
 */
export function isDefinitionBlock(tex: string): boolean {
  let i = 0
  let definitions = 0
  const ws = /\s|%[^\n]*/y
  const name = /\\([a-zA-Z@]+\*?|.)/y
  const skipSpace = () => {
    ws.lastIndex = i
    while (ws.test(tex)) i = ws.lastIndex
  }
  skipSpace()
  while (i < tex.length) {
    name.lastIndex = i
    const m = name.exec(tex)
    if (!m || !DEFINERS.has(m[1]!.replace(/\*$/, ''))) return false
    i = name.lastIndex
    // Everything up to the body: `{\name}`, `\name`, `[n]`, `[default]`, `#1#2`, `=`.
    let guard = 0
    skipSpace()
    if (tex[i] === '{') i = skipGroup(tex, i)
    else {
      name.lastIndex = i
      if (!name.exec(tex)) return false
      i = name.lastIndex
    }
    if (i < 0) return false
    if (m[1] === 'let') {
      skipSpace()
      if (tex[i] === '=') i++
      skipSpace()
      name.lastIndex = i
      if (!name.exec(tex)) return false
      i = name.lastIndex
    } else {
      while (i < tex.length && tex[i] !== '{' && guard++ < 64) {
        if (tex[i] === '[') i = tex.indexOf(']', i) + 1
        else if (/[\s#0-9]/.test(tex[i]!)) i++
        else return false
        if (i <= 0) return false
      }
      if (tex[i] !== '{') return false
      i = skipGroup(tex, i)
      if (i < 0) return false
    }
    definitions++
    skipSpace()
  }
  return definitions > 0
}

const REDEFINE = /\\newcommand\{?(\\[a-zA-Z@]+|\\.)\}? attempting to redefine/
const UNDEFINED = /\\renewcommand\{?(\\[a-zA-Z@]+|\\.)\}? when (?:command )?\S+ does not yet (?:have a definition|exist)/

/**
 * Run TeX through KaTeX so its definitions land in `macros`, overwriting names that already
 * exist as MathJax does (KaTeX's `\newcommand` refuses them).
 *
 * @param tex TeX that may define macros.
 * @param macros The page's macros object; KaTeX writes definitions into it.
 * @throws KaTeX's error when the TeX itself is wrong.
 */
export function defineMacros(tex: string, macros: NonNullable<KatexOptions['macros']>): void {
  let source = tex
  for (let attempt = 0; attempt < 64; attempt++) {
    try {
      katex.renderToString(source, { macros, globalGroup: true, throwOnError: true, strict: 'ignore', output: 'html' })
      return
    } catch (error) {
      // MathJax lets \newcommand overwrite and \renewcommand create; KaTeX refuses both.
      const message = (error as Error).message
      const m = REDEFINE.exec(message) ?? UNDEFINED.exec(message)
      if (!m) throw error
      const [from, to] = REDEFINE.test(message) ? ['newcommand', 'renewcommand'] : ['renewcommand', 'newcommand']
      const escaped = m[1]!.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
      const next = source.replace(new RegExp(`\\\\${from}(\\s*\\{?\\s*${escaped}(?![a-zA-Z@]))`), `\\${to}$1`)
      if (next === source) throw error
      source = next
    }
  }
}

/**
 * Give the page a fresh macros object and remove its definition-only display blocks.
 *
 * @param options Site-wide macros.
 */
export default function remarkPageMacros(options: Readonly<Options> = {}) {
  return function transform(tree: Root, file: VFile): void {
    const macros: Record<string, string> = { ...options.macros }
    file.data.macros = macros
    visit(tree, 'math', (node: Nodes, index, parent) => {
      if (node.type !== 'math' || !parent || index === undefined) return
      if (node.value.length > MATH_LIMITS.formulaChars || !isDefinitionBlock(node.value)) return
      try {
        defineMacros(node.value, macros)
      } catch (error) {
        file.message(`macro definitions could not be read: ${(error as Error).message}`, {
          place: node.position,
          ruleId: 'katex-macros',
          source: 'kogi',
          cause: error as Error,
        })
      }
      parent.children.splice(index, 1)
      return [SKIP, index]
    })
  }
}
