/**
 * Typeset formulas kept in memory by whoever builds the page processor (a build's worker
 * thread, the dev server), so a formula that repeats — within a lecture or across lectures — is
 * typeset once. In the corpus formulas repeat about four times over.
 *
 * A key (src/math/formula-key.ts) names everything a rendering depends on: display or inline,
 * the TeX, and the macros it can reach. Callers never store a rendering that produced a message
 * or that could have changed the macros (see rehype-katex-page). The cache also remembers which
 * control sequences KaTeX knows (src/math/katex-knows.ts), which the keys depend on.
 */
import { KatexNames } from './katex-knows.js'

/** Total length of cached HTML above which the cache is emptied, to keep memory bounded. */
const MAX_CHARS = 48_000_000

/** Formulas typeset earlier, by key. */
export class FormulaCache {
  readonly #entries = new Map<string, string>()
  readonly #names = new KatexNames()
  #chars = 0

  /** The HTML of a formula typeset earlier with this key, if any. */
  get(key: string): string | undefined {
    return this.#entries.get(key)
  }

  /**
   * Keep a formula's HTML.
   *
   * @param key Its key.
   * @param html What KaTeX made of it.
   */
  set(key: string, html: string): void {
    if (this.#entries.has(key)) return
    if (this.#chars + html.length + key.length > MAX_CHARS) {
      this.#entries.clear()
      this.#chars = 0
    }
    this.#entries.set(key, html)
    this.#chars += html.length + key.length
  }

  /**
   * Whether KaTeX gives a control sequence a meaning of its own (src/math/katex-knows.ts).
   *
   * @param name A control sequence, such as `\iff`.
   */
  knows(name: string): boolean {
    return this.#names.knows(name)
  }
}
