/**
 * `\label{…}` in a formula kramdown makes inline — a `$$…$$` glued to the paragraph above, as in
 * the corpus's 2024/2024lect03.md:324 — is taken as MathJax takes it: silently, the formula
 * typeset inline with no number, no KaTeX error and no `\label` text. A reference to that label
 * says why it finds no number. The exact HTML is in test/fixtures/inline-label.
 */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './helpers/render.js'

/** Lines 321–345 of 2024/2024lect03.md, shortened: the formula, and the reference to it below. */
const LECTURE = [
  'パーセプトロンは $P^+$ が入力されたとき $1$, $P^-$ のとき $0$ を出力する',
  '機械である。',
  '出力層($R$) の $i$ 番目のニューロンへの入力(膜電位の変化) $u_i$は',
  '$$',
  'u_{i} = \\sum_{j} w_{ij}x_j - \\theta_i = \\left(w\\right)_i\\cdot\\left(x\\right)_i-\\theta_i.\\label{eq1}',
  '$$',
  'ここで中間層($A$)の $j$ 番目のニューロンの出力 $y_i$とこのニューロンとの',
  '',
  '式(\\ref{eq1})の意味を理解するために以下の図を参照',
  '',
].join('\n')

/** The TeX of each typeset formula, as its annotation holds it. */
const formulas = (html: string) => [...html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1]!.trim())

describe('a label in an inline formula', () => {
  it('is typeset inline without the label or an error, and a reference to it says why it has no number', async () => {
    const { html, file } = await renderMarkdown(LECTURE)
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId, m.reason])).toEqual([
      [9, 3, 'equation-ref', 'no equation labelled “eq1” on this page: it labels a formula inside a paragraph, which has no number; leave a blank line before its $$ to make it a display equation'],
    ])
    expect(formulas(html)).toEqual(['P^+', '1', 'P^-', '0', 'R', 'i', 'u_i', 'u_{i} = \\sum_{j} w_{ij}x_j - \\theta_i = \\left(w\\right)_i\\cdot\\left(x\\right)_i-\\theta_i.', 'A', 'j', 'y_i'])
    expect(html).not.toContain('katex-display')
    expect(html).not.toContain('katex-error')
    expect(html).not.toContain('\\label')
  })

  it('still numbers a display formula and links a reference to it', async () => {
    const { html, file } = await renderMarkdown('Text.\n\n$$\ny = x \\label{eq2}\n$$\n\nSee \\eqref{eq2}.\n')
    expect(file.messages).toEqual([])
    expect(html).toContain('<p>See <a href="#eq-eq2" class="kogi-eqref">(1)</a>.</p>')
    expect(formulas(html)).toEqual(['y = x \\tag{1}'])
  })
})
