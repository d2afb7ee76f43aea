/**
 * Typeset formulas kept in memory for the life of a process (a build's worker thread, the dev
 * server), so a formula that repeats — within a lecture or across lectures — is typeset once.
 * In the corpus formulas repeat about four times over.
 *
 * A key names everything a rendering depends on: display or inline, the TeX, and a fingerprint
 * of the macros in effect. Callers never store a rendering that produced a message or that
 * could have changed the macros (see rehype-katex-page).
 */

import crypto from 'node:crypto'

/** Total length of cached HTML above which the cache is emptied, to keep memory bounded. */
const MAX_CHARS = 48_000_000

const entries = new Map<string, string>()
let chars = 0

/** The cache key of a formula. */
export function formulaKey(tex: string, display: boolean, macros: string): string {
  return `${display ? 'D' : 'I'}${macros}\u0000${tex}`
}

/** The HTML of a formula typeset earlier in this process, if any. */
export function cachedFormula(key: string): string | undefined {
  return entries.get(key)
}

/** Keep a formula's HTML. */
export function cacheFormula(key: string, html: string): void {
  if (entries.has(key)) return
  if (chars + html.length > MAX_CHARS) {
    entries.clear()
    chars = 0
  }
  entries.set(key, html)
  chars += html.length + key.length
}

/**
 * A fingerprint of a macro table: KaTeX's own entries (`{tokens, numArgs, …}` after it read a
 * definition) are reduced to what decides their expansion, the token texts and the argument
 * spec, leaving out source locations.
 * @returns A short hash, so keys stay small.
 */
export function macrosFingerprint(macros: Readonly<Record<string, unknown>>): string {
  const parts: string[] = []
  for (const name of Object.keys(macros).sort()) {
    const value = macros[name]
    if (typeof value === 'string') parts.push(`${name}=${value}`)
    else if (value && typeof value === 'object' && 'tokens' in value) {
      const { tokens, numArgs, delimiters, unexpandable } = value as { tokens: { text: string }[]; numArgs?: number; delimiters?: unknown; unexpandable?: boolean }
      parts.push(`${name}#${numArgs ?? 0}${unexpandable ? '!' : ''}${JSON.stringify(delimiters ?? null)}:${tokens.map((t) => t.text).join('\u0001')}`)
    } else {
      // A function or anything else KaTeX might keep: not comparable, so never shared.
      return `unique:${Math.random()}`
    }
  }
  return crypto.createHash('sha256').update(parts.join('\u0002')).digest('base64')
}
