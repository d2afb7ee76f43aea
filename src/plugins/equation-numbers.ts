/**
 * Equation numbering of one display formula, MathJax AMS style: `equation`, `align`, `gather`
 * and `multline` (unstarred) are numbered, row by row for `align` and `gather` unless a row
 * says `\nonumber` or `\notag`; `\tag{…}` keeps its tag; a formula with `\label` and no number
 * gets one so it can be referred to. `\label{…}` is taken out (KaTeX does not know it) and the
 * numbers are written as `\tag{n}` on starred environments, which KaTeX typesets.
 */

/** What numbering did to one formula. */
export interface Numbered {
  /** The TeX to typeset. */
  readonly tex: string
  /** Each label and the number (or tag) it refers to. */
  readonly labels: readonly { name: string; number: string }[]
}

const LABEL = /\\label\s*\{([^{}]*)\}/g
const TAG = /\\tag\*?\s*\{((?:[^{}]|\{[^{}]*\})*)\}/
const NUMBERED_ENV = /\\begin\{(equation|align|gather|multline|flalign|alignat)\}([\s\S]*?)\\end\{\1\}/
const NO_NUMBER = /\\(?:nonumber|notag)\b/g

function labelsIn(text: string): string[] {
  return [...text.matchAll(LABEL)].map((m) => m[1]!.trim())
}

/**
 * Take every `\label{…}` out of a formula, as MathJax does with one it gives no number.
 *
 * @param tex The formula as written.
 * @returns The formula without its labels, and their names.
 */
export function stripLabels(tex: string): { tex: string; names: string[] } {
  return { tex: tex.replace(LABEL, ''), names: labelsIn(tex) }
}

/**
 * Number one display formula.
 *
 * @param tex The formula as written.
 * @param next The next free equation number on the page; called once per number used.
 */
export function numberEquation(tex: string, next: () => number): Numbered {
  const env = NUMBERED_ENV.exec(tex)
  if (env && !TAG.test(tex)) {
    const [whole, name, body] = env as unknown as [string, string, string]
    const rowsEnv = name === 'align' || name === 'gather' || name === 'flalign' || name === 'alignat'
    const rows = rowsEnv ? body.split(/(?<!\\)\\\\(?![a-zA-Z])/) : [body]
    const labels: { name: string; number: string }[] = []
    const numbered = rows.map((row, i) => {
      const isLastEmpty = i === rows.length - 1 && rows.length > 1 && row.replace(LABEL, '').trim() === ''
      const rowLabels = labelsIn(row)
      let out = row.replace(LABEL, '')
      if (/\\(?:nonumber|notag)\b/.test(out) || isLastEmpty) return out.replace(NO_NUMBER, '')
      const n = String(next())
      for (const l of rowLabels) labels.push({ name: l, number: n })
      out = out.replace(/\s*$/, ` \\tag{${n}}`)
      return out
    })
    const replaced = `\\begin{${name}*}${numbered.join('\\\\')}\\end{${name}*}`
    return { tex: tex.replace(whole, replaced), labels }
  }
  const { tex: stripped, names } = stripLabels(tex)
  if (names.length === 0) return { tex: stripped, labels: [] }
  const tag = TAG.exec(stripped)
  if (tag) return { tex: stripped, labels: names.map((name) => ({ name, number: tag[1]! })) }
  const n = String(next())
  return { tex: `${stripped.replace(/\s*$/, '')} \\tag{${n}}`, labels: names.map((name) => ({ name, number: n })) }
}
