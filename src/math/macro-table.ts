/**
 * A page's KaTeX macro table as kogi reads it, for cache keys (src/math/formula-key.ts) and the
 * expansion bound (src/math/expansion.ts).
 *
 * KaTeX's `macros` option holds strings, and with `globalGroup` KaTeX writes each definition a
 * formula makes (`\newcommand`, `\def`, …) into the same object as a stored definition: its body
 * as tokens (last first), its number of parameters and, for `\def`, the text between them. That
 * is the one place kogi looks at what KaTeX stores; an entry of any other shape is reported as
 * unreadable, and callers then make no assumption about it.
 */

/** One macro: its body as token texts in reading order, its parameters. */
export interface MacroBody {
  readonly body: readonly string[]
  readonly numArgs: number
  /** For `\def`: the tokens before the first parameter, then after each one. */
  readonly delimiters?: readonly (readonly string[])[]
  /** Set by `\let` to a command that is not a macro: the name stands for that command. */
  readonly unexpandable?: boolean
}

/** A stored definition as KaTeX writes it into the table. */
interface StoredDefinition {
  readonly tokens: readonly { readonly text: string }[]
  readonly numArgs?: number
  readonly delimiters?: readonly (readonly string[])[]
  readonly unexpandable?: boolean
}

/**
 * TeX tokens as KaTeX's lexer cuts them: a control word (spaces after it belong to it), a
 * backslash and one character, a comment (dropped), a run of spaces, or one character.
 */
const TOKEN = /(\\[a-zA-Z@]+)[ \t\r\n]*|\\[^]|%[^\n]*\n?|[ \t\r\n]+|[^]/gu

/**
 * The tokens of TeX source, as their texts (a run of spaces is one `' '`, comments are dropped).
 *
 * @param tex TeX source.
 */
export function texTokens(tex: string): string[] {
  const out: string[] = []
  for (const m of tex.matchAll(TOKEN)) {
    const text = m[1] ?? m[0]
    if (text[0] === '%') continue
    out.push(/^[ \t\r\n]/.test(text) ? ' ' : text)
  }
  return out
}

function isStored(value: unknown): value is StoredDefinition {
  return typeof value === 'object' && value !== null && Array.isArray((value as StoredDefinition).tokens) && (value as StoredDefinition).tokens.every((t) => typeof t?.text === 'string')
}

/**
 * Read one entry of a macro table.
 *
 * @param value The entry: a string as given in the `macros` option, or a definition KaTeX stored.
 * @returns The macro, or undefined when the entry has a shape kogi does not know.
 */
export function readMacro(value: unknown): MacroBody | undefined {
  if (typeof value === 'string') {
    // KaTeX counts a string macro's parameters as the run #1, #2, … it names (`##` is a `#`).
    const stripped = value.replace(/##/g, '')
    let numArgs = 0
    while (stripped.includes(`#${numArgs + 1}`)) numArgs++
    return { body: texTokens(value), numArgs }
  }
  if (!isStored(value)) return undefined
  return {
    body: value.tokens.map((t) => t.text).reverse(),
    numArgs: value.numArgs ?? 0,
    ...(value.delimiters ? { delimiters: value.delimiters } : {}),
    ...(value.unexpandable ? { unexpandable: true } : {}),
  }
}
