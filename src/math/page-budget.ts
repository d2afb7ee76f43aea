/**
 * The limits of src/math/limits.ts applied to one page's formulas in order: each formula is
 * measured before KaTeX sees it, with the page's macros as they stand at that point.
 */
import { callSize, expandedSize } from './expansion.js'
import { texTokens } from './macro-table.js'
import { count, type MathLimits } from './limits.js'

/** Why a formula is not typeset: the message, and the rule it breaks. */
export interface OverLimit {
  readonly reason: string
  readonly ruleId: 'formula-too-large' | 'page-math-too-large'
  /** False for the formulas after the one whose message covers them. */
  readonly report: boolean
}

/** What one page's formulas have used of its limits. */
export class PageBudget {
  readonly #limits: MathLimits
  readonly #formulas: number
  readonly #knows: (name: string) => boolean
  /** For each of KaTeX's names the page redefines: its definition, and argument sizes found to fit or not. */
  readonly #calls = new Map<string, { value: unknown; fits: number; fails: number }>()
  #used = 0
  #spent = false

  /**
   * @param limits The limits to apply.
   * @param formulas How many formulas the page has, for the message when the page runs out.
   * @param knows Whether KaTeX gives a control sequence a meaning of its own.
   */
  constructor(limits: MathLimits, formulas: number, knows: (name: string) => boolean) {
    this.#limits = limits
    this.#formulas = formulas
    this.#knows = knows
  }

  /**
   * A redefined name of KaTeX's that grows past the limit when called with arguments the size
   * of the formula. KaTeX's own macros may call it without the formula naming it, where the
   * expansion count cannot follow.
   */
  #hiddenBomb(macros: Readonly<Record<string, unknown>>, size: number): string | undefined {
    for (const name of Object.keys(macros)) {
      if (!this.#knows(name)) continue
      let known = this.#calls.get(name)
      if (!known || known.value !== macros[name]) this.#calls.set(name, (known = { value: macros[name], fits: -1, fails: Infinity }))
      if (size <= known.fits) continue
      if (size < known.fails && callSize(name, macros, size, this.#limits.formulaTokens) !== undefined) known.fits = size
      else {
        known.fails = Math.min(known.fails, size)
        return name
      }
    }
    return undefined
  }

  /**
   * Measure the next formula, and count it against the page when it is to be typeset.
   *
   * @param tex The formula's TeX.
   * @param macros The page's macros as they are before this formula.
   * @param index The formula's place among the page's formulas, from 0.
   * @returns Why it is not to be typeset, or undefined.
   */
  admit(tex: string, macros: Readonly<Record<string, unknown>>, index: number): OverLimit | undefined {
    const limits = this.#limits
    const page = `the formulas of this page pass ${count(limits.pageTokens)} tokens in all`
    if (this.#spent) return { reason: `${page}; shown as TeX source`, ruleId: 'page-math-too-large', report: false }
    if (tex.length > limits.formulaChars) {
      return { reason: `formula is ${count(tex.length)} characters long, over the limit of ${count(limits.formulaChars)}; it is shown as TeX source`, ruleId: 'formula-too-large', report: true }
    }
    const spent = (): OverLimit => {
      this.#spent = true
      const rest = this.#formulas - index - 1
      return { reason: `${page}; this one${rest > 0 ? ` and the ${count(rest)} after it are` : ' is'} shown as TeX source`, ruleId: 'page-math-too-large', report: true }
    }
    if (this.#used >= limits.pageTokens) return spent()
    const size = expandedSize(tex, macros, limits.formulaTokens, this.#knows)
    if (size === undefined) {
      // Measuring it took that much work (as for the next case): a page repeating such a
      // formula soon runs out.
      this.#used += limits.formulaTokens
      return { reason: `formula grows past ${count(limits.formulaTokens)} tokens as its macros expand; it is shown as TeX source`, ruleId: 'formula-too-large', report: true }
    }
    const bomb = this.#hiddenBomb(macros, texTokens(tex).length)
    if (bomb) {
      this.#used += limits.formulaTokens
      const reason = `this page redefines ${bomb}, which KaTeX's own commands may call: given this formula as its arguments it grows past ${count(limits.formulaTokens)} tokens; the formula is shown as TeX source`
      return { reason, ruleId: 'formula-too-large', report: true }
    }
    if (this.#used + size > limits.pageTokens) return spent()
    this.#used += size
    return undefined
  }
}
