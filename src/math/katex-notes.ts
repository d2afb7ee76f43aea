/**
 * What KaTeX tells about a formula without failing, gathered through its `strict` and `trust`
 * options (functions KaTeX calls as it reads the TeX) instead of from its console output.
 *
 * - `strict`: KaTeX reports a character it has no symbol for (`unknownSymbol`); it may have no
 *   glyph for it either (src/math/katex-glyphs.ts). Every report is otherwise ignored, as
 *   `strict: 'ignore'` does (Japanese text in math is normal here).
 * - `trust`: commands that link, load images or set HTML attributes are refused except links
 *   to a place on the same page (equation references, `\href{#eq-x}{…}`, see
 *   rehype-equations). KaTeX draws a refused command in red; each is noted so the author learns
 *   why.
 */
import type { KatexOptions, TrustContext } from 'katex'

/** A command KaTeX refused, with its URL if it has one. */
export interface Refused {
  readonly command: string
  readonly url?: string
}

/** KaTeX's reports about the formulas of one page. */
export class KatexNotes {
  /** Characters KaTeX has no symbol for, in the order met. */
  readonly missing = new Set<string>()
  /** Commands refused since the last {@link KatexNotes.takeRefused}. */
  #refused: Refused[] = []
  /** How many reports there have been: a formula that adds one is not cached. */
  reports = 0

  /** The `strict` option: note unknown characters, ignore the rest. */
  readonly strict: NonNullable<KatexOptions['strict']> = (code, _message, token) => {
    if (code === 'unknownSymbol' && token?.text) {
      this.missing.add(String.fromCodePoint(token.text.codePointAt(0)!))
      this.reports++
    }
    return 'ignore'
  }

  /** The `trust` option: only in-page links, every refusal noted. */
  readonly trust = (context: TrustContext): boolean => {
    if (context.command === '\\href' && context.url.startsWith('#')) return true
    this.#refused.push({ command: context.command, ...('url' in context ? { url: context.url } : {}) })
    this.reports++
    return false
  }

  /** The commands refused since the last call, each once. */
  takeRefused(): Refused[] {
    const seen = new Set<string>()
    const out = this.#refused.filter((r) => !seen.has(`${r.command} ${r.url}`) && seen.add(`${r.command} ${r.url}`))
    this.#refused = []
    return out
  }
}

/**
 * The message for a refused command.
 *
 * @param refused The command and its URL.
 */
export function refusedMessage({ command, url }: Refused): string {
  const shown = url === undefined ? command : `${command}{${url.length > 60 ? `${url.slice(0, 59)}…` : url}}`
  const allowed = command === '\\href' || command === '\\url' ? 'only links to a place on the same page, \\href{#…}, are' : 'formulas may not add links, images or HTML attributes'
  return `${shown} is not allowed in a formula: ${allowed}; it is drawn in red`
}
