/**
 * MathJax 2.7 TeX that KaTeX rejects, made acceptable to KaTeX.
 *
 * The instructor's pages were typeset by MathJax for years, so they use what MathJax accepts.
 * Where a KaTeX macro can supply the missing command, {@link MATHJAX_MACROS} does it (a page's
 * own definitions still win). What a macro cannot do — KaTeX macros cannot define environments
 * or change how an argument is parsed — is a small rewrite of the TeX in {@link mathjaxCompat},
 * each with the reason no KaTeX option fits.
 */

/**
 * Plain-TeX and MathJax commands KaTeX lacks, as KaTeX macros.
 * `\mbox` (MathJax: text box, may hold `$…$`) is KaTeX's `\text`, which reads `$…$` too;
 * `\pmatrix{a\cr b}`, `\matrix{…}`, `\cases{…}` are plain TeX forms of the matrix environments
 * (KaTeX reads `\cr` as a row break).
 */
export const MATHJAX_MACROS: Readonly<Record<string, string>> = Object.freeze({
  '\\mbox': '\\text{#1}',
  '\\pmatrix': '\\begin{pmatrix}#1\\end{pmatrix}',
  '\\matrix': '\\begin{matrix}#1\\end{matrix}',
  '\\cases': '\\begin{cases}#1\\end{cases}',
})

/** One rewrite of TeX source, with why no KaTeX option or macro does it. */
interface Rewrite {
  readonly name: string
  /** Apply to single-dollar inline math only. */
  readonly inlineOnly?: boolean
  readonly apply: (tex: string) => string
}

const REWRITES: readonly Rewrite[] = [
  {
    // KaTeX parses `\tag{…}` in text mode, where `_` is an error; MathJax shows it literally
    // (`\tag{eq:formal_neuron}`). Macros cannot change how an argument is parsed.
    name: 'tag-underscore',
    apply: (tex) => tex.replace(/\\tag(\*?)\{([^{}]*)\}/g, (_all, star: string, body: string) => `\\tag${star}{${body.replace(/(?<!\\)_/g, '\\_')}}`),
  },
  {
    // KaTeX has no `eqnarray`, and macros cannot define environments. `darray` with `rcl`
    // columns is what eqnarray is: a display-style right–centre–left array.
    name: 'eqnarray',
    apply: (tex) => tex.replace(/\\begin\{eqnarray\*?\}/g, '\\begin{darray}{rcl}').replace(/\\end\{eqnarray\*?\}/g, '\\end{darray}'),
  },
  {
    // kramdown turned `\[` into `[` before MathJax saw a `$…$` span, so `\left\[` worked on the
    // live site; KaTeX has no `\[` delimiter and no option to accept one.
    name: 'escaped-bracket-delimiter',
    apply: (tex) => tex.replace(/\\(left|right|bigl|bigr|Bigl|Bigr|big|Big)\s*\\([[\]])/g, '\\$1$2'),
  },
  {
    // Likewise kramdown turned `\\{` into `\{` inside `$…$`: the author meant a brace, and a
    // line break inside inline math means nothing.
    name: 'escaped-brace',
    inlineOnly: true,
    apply: (tex) => tex.replace(/\\\\([{}])/g, '\\$1'),
  },
]

/**
 * Rewrite TeX that MathJax accepts and KaTeX rejects.
 *
 * @param tex One formula.
 * @param inline Whether it came from single-dollar inline math (where kramdown unescaped it first).
 * @returns The TeX KaTeX should typeset (unchanged when nothing applies).
 */
export function mathjaxCompat(tex: string, inline = false): string {
  let out = tex
  for (const rewrite of REWRITES) if (inline || !rewrite.inlineOnly) out = rewrite.apply(out)
  return out
}
