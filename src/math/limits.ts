/**
 * How much math one page may ask KaTeX to typeset, so that a small page cannot make the build
 * work for minutes (KaTeX's time grows faster than the length of a formula: 20,000 tokens of
 * `x+x+…` take seconds and make megabytes of HTML).
 *
 * Measured on the lectures: the longest formula is 798 characters, the most any formula
 * becomes once its macros are expanded is 497 tokens, and the most math on one page is 7,049
 * tokens. The limits leave more than ten times that room; at the limits KaTeX works for
 * seconds, not minutes.
 */

/** Limits on the math of one page. */
export interface MathLimits {
  /** Characters of TeX in one formula. */
  readonly formulaChars: number
  /** Tokens one formula may become as the page's macros are expanded (src/math/expansion.ts). */
  readonly formulaTokens: number
  /** Tokens all formulas of a page together may become. */
  readonly pageTokens: number
}

/** The limits every page is typeset under. */
export const MATH_LIMITS: MathLimits = Object.freeze({ formulaChars: 10_000, formulaTokens: 20_000, pageTokens: 100_000 })

/** A count for a message: `12,345`. */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}
