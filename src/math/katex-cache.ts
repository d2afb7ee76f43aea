/**
 * Typeset formulas kept in memory for the life of a process (a build's worker thread, the dev
 * server), so a formula that repeats — within a lecture or across lectures — is typeset once.
 * In the corpus formulas repeat about four times over.
 *
 * A key (src/math/formula-key.ts) names everything a rendering depends on: display or inline,
 * the TeX, and the macros it can reach. Callers never store a rendering that produced a message
 * or that could have changed the macros (see rehype-katex-page).
 */

/** Total length of cached HTML above which the cache is emptied, to keep memory bounded. */
const MAX_CHARS = 48_000_000

const entries = new Map<string, string>()
let chars = 0

/** The HTML of a formula typeset earlier in this process, if any. */
export function cachedFormula(key: string): string | undefined {
  return entries.get(key)
}

/** Keep a formula's HTML. */
export function cacheFormula(key: string, html: string): void {
  if (entries.has(key)) return
  if (chars + html.length + key.length > MAX_CHARS) {
    entries.clear()
    chars = 0
  }
  entries.set(key, html)
  chars += html.length + key.length
}
