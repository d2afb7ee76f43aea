/**
 * Whether KaTeX itself gives a control sequence a meaning, found through KaTeX's public API
 * only (its code changes between versions; what it typesets is what matters).
 *
 * A name is KaTeX's when typesetting it alone, in math or in text, succeeds or fails with
 * anything but "Undefined control sequence" for that name; or when a page macro of that name
 * changes how KaTeX typesets formulas that never name it. KaTeX reads a few names from the macro table
 * while it typesets (`\arraystretch` sets the row spacing of every array), so a sample formula
 * with arrays, colours, `\middle`, a commutative diagram and a tag is typeset with the name
 * defined and without, and the two compared.
 */
import katex from 'katex'

/** Formula exercising what KaTeX reads from the macro table as it typesets. */
const SAMPLE = String.raw`\begin{array}{c}a\\b\end{array}\color{red}{x}\textcolor{blue}{y}\left(a\middle|b\right)\begin{CD}A @>a>> B @<b<< C @= D\end{CD}\tag{1}`

/** The sample typeset with the given macros. */
function typesetSample(macros: Record<string, string>): string {
  return katex.renderToString(SAMPLE, { throwOnError: true, strict: 'ignore', displayMode: true, macros })
}

/** Whether typesetting `tex` fails because `name` is undefined. */
function undefinedIn(tex: string, name: string): boolean {
  try {
    // MathML only: the HTML would look up glyph metrics, and KaTeX prints a line for each it lacks.
    katex.renderToString(tex, { throwOnError: true, strict: 'ignore', output: 'mathml' })
    return false
  } catch (error) {
    return (error as Error).message.includes(`Undefined control sequence: ${name} `)
  }
}

/** The control sequences KaTeX knows, asked of KaTeX once per name. */
export class KatexNames {
  readonly #known = new Map<string, boolean>()
  #sample: string | undefined

  /**
   * Whether KaTeX knows a control sequence without any page macros.
   *
   * @param name A control sequence, such as `\iff` or `\arraystretch`.
   */
  knows(name: string): boolean {
    let known = this.#known.get(name)
    if (known === undefined) this.#known.set(name, (known = this.#ask(name)))
    return known
  }

  #ask(name: string): boolean {
    // `\noexpand` keeps KaTeX's own macros from running: `\show` alone would print to the console.
    if (!undefinedIn(`\\noexpand${name}`, name) || !undefinedIn(`\\text{\\noexpand${name}}`, name)) return true
    this.#sample ??= typesetSample({})
    try {
      return typesetSample({ [name]: '2' }) !== this.#sample
    } catch {
      return true
    }
  }
}
