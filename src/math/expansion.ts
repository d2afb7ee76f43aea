/**
 * How much TeX a formula becomes once the page's own macros are expanded, counted before KaTeX
 * is asked to typeset it.
 *
 * KaTeX's `maxExpand` counts expansions, not what they produce. A macro that passes its argument
 * on doubled (`\newcommand{\b}[1]{\a{#1#1}}`) doubles the text with each level at the cost of one
 * expansion, so twenty short lines of definitions make a formula of millions of tokens within
 * KaTeX's limit, and KaTeX then works for many minutes. This module replays the expansion of
 * the page's macros — the table KaTeX is given and the definitions the formula itself makes —
 * the way KaTeX's macro expander does, counting every token read, and stops as soon as the count
 * passes the limit. KaTeX's built-in macros are left unexpanded: none of them repeats its
 * arguments, so they grow a formula only by what each expansion adds, which `maxExpand` bounds.
 * But they may call a page macro that takes the name of one of KaTeX's own (`\iff` calls
 * `\Longleftrightarrow`) without the formula naming it; such a macro is measured by itself, called
 * with arguments as long as the formula ({@link callSize}).
 * The count is an estimate for bounding work, not a typesetting: where the TeX is wrong it stops
 * and lets KaTeX report the error.
 */
import { readMacro, texTokens, type MacroBody } from './macro-table.js'

/** Commands that define a macro, and how their definition is read. */
const NEWCOMMAND = new Set(['\\newcommand', '\\renewcommand', '\\providecommand'])
const DEF = new Set(['\\def', '\\gdef', '\\edef', '\\xdef'])

/** Thrown to stop the replay: the TeX is wrong, so KaTeX will stop too. */
class Stop extends Error {}

/** Thrown when the count passes the limit. */
class TooLarge extends Error {}

/** What a replay needs besides its tokens. */
interface Replay {
  readonly macros: Readonly<Record<string, unknown>>
  /** Definitions made so far; null where `\let` made a name stand for a built-in. */
  readonly own: Map<string, MacroBody | null>
  readonly limit: number
  readonly maxExpand: number
  /** Measure a macro the formula has just defined; the tokens that took, or undefined when too many. */
  readonly defined?: (name: string, macro: MacroBody) => number | undefined
}

/** The tokens of a call of `macro` with every argument `size` tokens long. */
function callTokens(name: string, macro: MacroBody, size: number): string[] {
  const filler = Array.from({ length: size }, () => 'x')
  const call = [name, ...(macro.delimiters?.[0] ?? [])]
  for (let i = 0; i < macro.numArgs; i++) {
    const delimiter = macro.delimiters?.[i + 1] ?? []
    for (const token of delimiter.length > 0 ? [...filler, ...delimiter] : ['{', ...filler, '}']) call.push(token)
  }
  return call
}

/** Replay the expansion of tokens; the count of tokens read, or undefined past the limit. */
function replay(tokens: string[], { macros, own, limit, maxExpand, defined }: Replay): number | undefined {
  const table = new Map<string, MacroBody | undefined>()
  const lookup = (name: string): MacroBody | undefined => {
    let found = own.get(name)
    if (found === undefined && !own.has(name) && Object.hasOwn(macros, name)) {
      if (!table.has(name)) table.set(name, readMacro(macros[name]))
      found = table.get(name)
    }
    return found && !found.unexpandable ? found : undefined
  }
  const stack = tokens.reverse()
  let read = 0
  const pop = (): string => {
    const token = stack.pop()
    if (token === undefined) throw new Stop()
    read++
    return token
  }
  const next = (): string | undefined => stack.at(-1)
  const skipSpaces = () => {
    while (next() === ' ') pop()
  }
  /** One argument, as KaTeX's `consumeArg` takes it: a group without its braces, or one token. */
  const argument = (delimiter?: readonly string[]): string[] => {
    const delimited = delimiter !== undefined && delimiter.length > 0
    if (!delimited) skipSpaces()
    const tokens: string[] = []
    const braced = next() === '{'
    let depth = 0
    let matched = 0
    do {
      const token = pop()
      tokens.push(token)
      if (token === '{') depth++
      else if (token === '}' && --depth < 0) throw new Stop()
      if (delimited) {
        if ((depth === 0 || (depth === 1 && delimiter[matched] === '{')) && token === delimiter[matched]) {
          if (++matched === delimiter.length) {
            tokens.splice(-matched, matched)
            break
          }
        } else matched = 0
      }
    } while (depth !== 0 || delimited)
    if (braced && tokens.at(-1) === '}') return tokens.slice(1, -1)
    return tokens
  }
  const learn = (name: string, macro: MacroBody) => {
    own.set(name, macro)
    if (!defined) return
    const took = defined(name, macro)
    if (took === undefined) throw new TooLarge()
    read += took
  }
  const define = (command: string) => {
    if (NEWCOMMAND.has(command)) {
      const name = argument()
      if (name.length !== 1) throw new Stop()
      let body = argument()
      let numArgs = 0
      if (body.length === 1 && body[0] === '[') {
        let count = ''
        for (let token = pop(); token !== ']'; token = pop()) count += token
        numArgs = Number.parseInt(count, 10) || 0
        body = argument()
      }
      learn(name[0]!, { body, numArgs })
    } else if (DEF.has(command)) {
      const name = pop()
      const delimiters: string[][] = [[]]
      let numArgs = 0
      while (next() !== '{') {
        const token = pop()
        if (token === '#') {
          if (next() === '{') {
            delimiters[numArgs]!.push('{')
            break
          }
          pop()
          numArgs++
          delimiters.push([])
        } else delimiters[numArgs]!.push(token)
      }
      learn(name, { body: argument(), numArgs, delimiters })
    } else if (command === '\\futurelet') {
      // The name takes the meaning of the second token after it; both are then read as usual.
      const name = pop()
      const first = pop()
      own.set(name, lookup(next() ?? '') ?? null)
      stack.push(first)
    } else {
      // \let: the name takes the meaning of the token after it (and an optional `=`).
      const name = pop()
      skipSpaces()
      let target = pop()
      if (target === '=') {
        target = pop()
        if (target === ' ') target = pop()
      }
      own.set(name, lookup(target) ?? null)
    }
  }
  /** A macro's expansion: its body with each `#n` replaced by the n-th argument, `##` by `#`. */
  const expand = (macro: MacroBody): void => {
    for (const token of macro.delimiters?.[0] ?? []) if (pop() !== token) throw new Stop()
    const args: string[][] = []
    for (let i = 0; i < macro.numArgs; i++) args.push(argument(macro.delimiters?.[i + 1]))
    const { body } = macro
    const argAt = (i: number) => (body[i] === '#' ? args[Number(body[i + 1]) - 1] : undefined)
    let size = 0
    for (let i = 0; i < body.length; i++) {
      const arg = argAt(i)
      size += arg ? arg.length : 1
      if (body[i] === '#') i++
    }
    // Everything pushed is read later (unless KaTeX fails first): count it before making it.
    if (read + stack.length + size > limit) throw new TooLarge()
    const out: string[] = []
    for (let i = 0; i < body.length; i++) {
      const arg = argAt(i)
      if (arg) for (const token of arg) out.push(token)
      else out.push(body[i] === '#' ? body[i + 1] ?? '#' : body[i]!)
      if (body[i] === '#') i++
    }
    for (let i = out.length - 1; i >= 0; i--) stack.push(out[i]!)
  }
  let expansions = 0
  try {
    while (stack.length > 0) {
      if (read + stack.length > limit) return undefined
      const token = pop()
      const macro = lookup(token)
      if (macro) {
        if (++expansions > maxExpand) break
        expand(macro)
      } else if (NEWCOMMAND.has(token) || DEF.has(token) || token === '\\let' || token === '\\futurelet') define(token)
    }
  } catch (error) {
    if (error instanceof TooLarge) return undefined
    if (!(error instanceof Stop)) throw error
  }
  return read
}

/**
 * The number of tokens the macro expansion of a formula reads, if at most `limit`.
 *
 * @param tex The formula's TeX.
 * @param macros The page's macro table as KaTeX will see it (not changed).
 * @param limit The most tokens to allow.
 * @param knows Whether KaTeX has a name of its own: a formula that redefines one is measured
 *   as {@link callSize} measures the page's; default none.
 * @param maxExpand KaTeX's limit on expansions; past it KaTeX reports the formula itself.
 * @returns The count, or undefined when it passes `limit`.
 */
export function expandedSize(tex: string, macros: Readonly<Record<string, unknown>>, limit: number, knows?: (name: string) => boolean, maxExpand = 1000): number | undefined {
  const tokens = texTokens(tex)
  const own = new Map<string, MacroBody | null>()
  const size = tokens.length
  const defined = knows && ((name: string, macro: MacroBody) => (knows(name) ? replay(callTokens(name, macro, size), { macros, own: new Map(own), limit, maxExpand }) : 0))
  return replay(tokens, { macros, own, limit, maxExpand, ...(defined ? { defined } : {}) })
}

/**
 * The number of tokens a call of one macro reads when each of its arguments is `size` tokens
 * long, if at most `limit`: what the macro can make of a formula's text when KaTeX's own macros
 * call it (a page that redefines `\\Longleftrightarrow` changes every `\\iff`).
 *
 * @param name The macro's name.
 * @param macros The page's macro table.
 * @param size The length of each argument, in tokens.
 * @param limit The most tokens to allow.
 * @returns The count, or undefined when it passes `limit` (or the macro cannot be read).
 */
export function callSize(name: string, macros: Readonly<Record<string, unknown>>, size: number, limit: number): number | undefined {
  const macro = readMacro(macros[name])
  return macro ? replay(callTokens(name, macro, size), { macros, own: new Map(), limit, maxExpand: 1000 }) : undefined
}
