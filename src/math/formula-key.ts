/**
 * Cache keys for typeset formulas (src/math/katex-cache.ts): a key names everything a formula's
 * rendering depends on, and only that, so the same formula on two lectures with different
 * `\newcommand` blocks is typeset once when it uses none of the macros that differ.
 *
 * What a formula can reach of the page's macro table:
 * - every macro its TeX names, and every macro those macros' bodies name, and so on;
 * - every page macro whose name KaTeX itself knows (a symbol, command or built-in macro): a
 *   built-in like `\iff` expands to other commands, so redefining `\Longleftrightarrow` changes
 *   formulas that never name it. Such macros are always part of the key;
 * - macros whose name is not a control sequence (active characters): always part of the key.
 * A formula whose TeX, or any macro it reaches, contains a definition command may change the
 * table for the rest of the page; it gets no key, and the caller stops caching on that page.
 */
import crypto from 'node:crypto'
import { readMacro } from './macro-table.js'

/** Commands that change the macro table (with `globalGroup`, for the rest of the page). */
export const DEFINES = /\\(?:newcommand|renewcommand|providecommand|def|gdef|edef|xdef|let|futurelet|global|DeclareMathOperator|DeclareRobustCommand|newenvironment|renewenvironment|csname)(?![a-zA-Z@])/

/** Control sequences in TeX: a control word, or a backslash and any one character. */
const CONTROL_SEQUENCES = /\\(?:[a-zA-Z@]+|[^])/gu

/** What the key needs of one macro: its definition as text, the names it uses, whether it defines. */
interface Entry {
  readonly text: string
  readonly names: readonly string[]
  readonly defines: boolean
}

function entryOf(name: string, value: unknown): Entry | undefined {
  const macro = readMacro(value)
  if (!macro) return undefined
  const { body, numArgs, delimiters, unexpandable } = macro
  const text = `${name}#${numArgs}${unexpandable ? '!' : ''}${JSON.stringify(delimiters ?? null)}:${body.join('\u0001')}`
  const joined = body.join(' ')
  return { text, names: joined.match(CONTROL_SEQUENCES) ?? [], defines: DEFINES.test(joined) }
}

/**
 * Keys for the formulas of one page.
 *
 * @param macros The page's macro table as KaTeX will see it.
 * @param settings Everything else the rendering depends on that may differ between callers.
 * @param knows Whether KaTeX gives a control sequence a meaning of its own (src/math/katex-knows.ts).
 * @returns A function giving a formula's key, or undefined when the formula may define macros
 *   or the table holds something not comparable (then nothing on the page is cached).
 */
export function formulaKeys(macros: Readonly<Record<string, unknown>>, settings: string, knows: (name: string) => boolean): (tex: string, display: boolean) => string | undefined {
  const entries = new Map<string, Entry>()
  const always: string[] = []
  let comparable = true
  for (const name of Object.keys(macros).sort()) {
    const entry = entryOf(name, macros[name])
    if (!entry) comparable = false
    else {
      entries.set(name, entry)
      if (!/^\\[a-zA-Z@]+$|^\\[^]$/u.test(name) || knows(name)) always.push(name)
    }
  }
  const alwaysDefine = always.some((name) => entries.get(name)!.defines)
  return (tex, display) => {
    if (!comparable || alwaysDefine || DEFINES.test(tex)) return undefined
    // Page macros the formula reaches by name, through macro bodies too.
    const reached = new Set<string>()
    const pending = [...(tex.match(CONTROL_SEQUENCES) ?? []), ...always.flatMap((n) => entries.get(n)!.names)]
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      const entry = entries.get(name)
      if (!entry || reached.has(name)) continue
      if (entry.defines) return undefined
      reached.add(name)
      pending.push(...entry.names)
    }
    const used = [...new Set([...always, ...reached])].sort()
    const hash = crypto.createHash('sha256').update(settings).update('\u0002')
    for (const name of used) hash.update(entries.get(name)!.text).update('\u0002')
    return `${display ? 'D' : 'I'}${hash.digest('base64')}\u0000${tex}`
  }
}

/**
 * Remember a macro table's entries, to tell later whether typesetting changed it. With
 * `globalGroup` KaTeX writes every definition into the table itself; the keys above catch the
 * definitions they can see in the TeX, and this check catches any they could not.
 *
 * @param macros The table KaTeX is given.
 * @returns Whether the table still holds exactly the same entries (by identity).
 */
export function unchangedSince(macros: Readonly<Record<string, unknown>>): () => boolean {
  // `\tag` leaves `\df@tag` behind, but KaTeX deletes it before every formula it parses.
  const kept = (name: string) => name !== '\\df@tag'
  const before = new Map(Object.entries(macros).filter(([name]) => kept(name)))
  return () => {
    const names = Object.keys(macros).filter(kept)
    return names.length === before.size && names.every((name) => before.has(name) && before.get(name) === macros[name])
  }
}
