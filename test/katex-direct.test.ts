/**
 * Formulas are typeset by KaTeX directly and kept as KaTeX's HTML, where rehype-katex would parse
 * that HTML into a tree that is serialized again (src/plugins/rehype-katex-page.ts). The page a
 * browser builds must be the same either way: KaTeX's HTML parses to the same tree as its
 * re-serialized form, for formulas with every kind of markup KaTeX writes (SVG, MathML spaces,
 * `&`, `<`, `>`, quotes). A formula KaTeX rejects still goes through rehype-katex: reported at
 * its place, typeset in red, and the macros it defined before failing defined once.
 */
import katex from 'katex'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { describe, expect, it } from 'vitest'
import { buildFiles } from './helpers/build.js'

const FORMULAS = [
  String.raw`x' = G(z) \quad a < b > c`,
  String.raw`\begin{aligned} KL(Q||P) &= \sum_x Q(x) \log \frac{Q(x)}{P(x)} \\ &\ge 0 \end{aligned}`,
  String.raw`\sqrt{\frac{a}{b}} + \overbrace{x+y}^{n} + \widehat{abc} + \xrightarrow{f}`,
  String.raw`\left( \begin{matrix} a & b \\ c & d \end{matrix} \right) \qquad \text{"引用" と 'x'}`,
  String.raw`\bar{x} \hat{y} \vec{v} \mathbb{R}^n \cancel{x} \boxed{1}`,
]

/** A tree as a browser reads it from HTML, without source positions. */
const tree = (html: string) => JSON.stringify(fromHtml(html, { fragment: true }), (k, v) => (k === 'position' ? undefined : v))

describe('formulas typeset by KaTeX directly', () => {
  it('give the tree rehype-katex gives, for every kind of markup KaTeX writes', () => {
    for (const tex of FORMULAS) {
      for (const displayMode of [false, true]) {
        const html = katex.renderToString(tex, { displayMode, output: 'htmlAndMathml', strict: 'ignore', throwOnError: true })
        // What rehype-katex makes of it: the tree of that HTML, serialized by hast-util-to-html.
        const reserialized = toHtml(fromHtml(html, { fragment: true }))
        expect(reserialized).not.toBe('')
        expect(tree(html)).toBe(tree(reserialized))
      }
    }
    // The two serializations do differ in their bytes, which is why the trees are compared.
    const sample = katex.renderToString(FORMULAS[0]!, { output: 'htmlAndMathml' })
    expect(toHtml(fromHtml(sample, { fragment: true }))).not.toBe(sample)
  })

  it('puts each formula of a page in as KaTeX wrote it', async () => {
    const b = await buildFiles({ 'c/a.md': `# 式\n\n$${FORMULAS[0]}$\n` })
    expect(b.read('c/a/index.html')).toContain(katex.renderToString(FORMULAS[0]!, { output: 'htmlAndMathml', strict: 'ignore', throwOnError: true, globalGroup: true, macros: {} }))
  })

  it('reports a rejected formula at its place, in red, with the macros it defined before failing defined once', async () => {
    const b = await buildFiles({ 'c/a.md': '# 式\n\n本文 $\\gdef\\w{w_0} \\newcommand{\\vv}{v_1} \\frac{1}{$ と $\\vv + \\w$\n' })
    expect(b.report).toMatch(/^content\/c\/a\.md:3:4 {2}warning {2}Unexpected end of input in a macro argument, expected '}' at end of input: …\{v_1\} \\frac\{1\}\{ {2}katex kogi$/m)
    expect(b.report.split('\n')).toHaveLength(1)
    const html = b.read('c/a/index.html')
    expect(html).toContain('class="katex-error"')
    expect(html).toMatch(/<msub><mi>v<\/mi><mn>1<\/mn><\/msub><mo>\+<\/mo><msub><mi>w<\/mi><mn>0<\/mn><\/msub>/)
  })
})
