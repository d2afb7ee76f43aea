/**
 * The formula cache in front of rehype-katex (src/plugins/rehype-katex-page.ts): a formula
 * seen before with the same macros is not typeset again, and the page is the same byte for
 * byte; a formula never comes from another page whose macros differ, nor from before a
 * definition on its own page; failures are reported in place every time.
 */
import katex from 'katex'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildFiles } from './helpers/build.js'

/** The content of a built page, without the site's navigation around it. */
const article = (html: string) => html.slice(html.indexOf('<article'), html.indexOf('</article>'))

afterEach(() => vi.restoreAllMocks())

const lecture = '# $\\alpha$ の定義\n\n本文 $x^2 + \\frac{1}{2}$ と\n\n$$\n\\sum_{i=1}^n x_i\n$$\n\nもう一度 $x^2 + \\frac{1}{2}$。\n'

/** Pages typeset in this thread, where the spies on KaTeX see them (worker threads have their own KaTeX). */
const buildHere = (files: Record<string, string>) => buildFiles(files, {}, { workers: 0 })

describe('formula cache', () => {
  it('typesets a repeated formula once across the pages of a thread, and gives the same page', async () => {
    const render = vi.spyOn(katex, 'renderToString')
    const one = await buildHere({ 'c/a.md': lecture })
    const calls = render.mock.calls.length
    render.mockClear()
    const two = await buildHere({ 'c/a.md': lecture, 'c/b.md': lecture })
    expect(render.mock.calls.length).toBe(calls)
    expect(article(two.read('c/b/index.html'))).toBe(article(one.read('c/a/index.html')))
    expect(one.read('c/a/index.html').split('<span class="katex">').length - 1).toBe(4)
  })

  it('counts formulas and titles a page by its heading with the TeX of its math', async () => {
    const b = await buildHere({ 'c/title.md': lecture })
    expect(b.read('c/title/index.html')).toContain('<title>\\alpha の定義')
  })

  it('never shares a formula between pages whose macros differ', async () => {
    const b = await buildHere({
      'c/a.md': '$$\n\\newcommand{\\V}{\\mathbb{V}}\n$$\n\n$\\V$\n',
      'c/b.md': '$$\n\\newcommand{\\V}{\\mathrm{V}}\n$$\n\n$\\V$\n',
      'c/c.md': '$\\V$\n',
    })
    expect(b.read('c/a/index.html')).toContain('<mi mathvariant="double-struck">V</mi>')
    expect(b.read('c/b/index.html')).toContain('<mi mathvariant="normal">V</mi>')
    expect(b.report).toMatch(/^content\/c\/c\.md:1:1 {2}warning {2}Undefined control sequence: \\V/m)
  })

  it('typesets every formula from a definition on, and never carries the definition to another page', async () => {
    const one = '$\\gdef\\w{w_0}\\w$ then $\\w$ and $x$\n'
    const b = await buildHere({ 'c/one.md': one, 'c/two.md': '$x$ and $\\w$\n' })
    const again = await buildHere({ 'c/one.md': one })
    expect(article(again.read('c/one/index.html'))).toBe(article(b.read('c/one/index.html')))
    expect(b.read('c/one/index.html').match(/<msub><mi>w<\/mi><mn>0<\/mn><\/msub>/g)).toHaveLength(2)
    expect(b.report).toMatch(/^content\/c\/two\.md:1:9 {2}warning {2}Undefined control sequence: \\w/m)
  })

  it('shares a formula between pages whose macros differ only where the formula does not reach', async () => {
    const render = vi.spyOn(katex, 'renderToString')
    const b = await buildHere({
      'c/a.md': '$$\n\\newcommand{\\A}{a}\n\\newcommand{\\B}{\\A}\n$$\n\n$x^2+y$ and $\\B$\n',
      'c/b.md': '$$\n\\newcommand{\\A}{b}\n\\newcommand{\\B}{\\A}\n$$\n\n$x^2+y$ and $\\B$\n',
    })
    // Typesetting for a page (with the page's macros), not KaTeX probed for the names it knows.
    const calls = (tex: string) => render.mock.calls.filter(([t, o]) => t === tex && o?.macros).length
    expect(calls('x^2+y')).toBe(1)
    // \B reaches \A through its body, and \A differs: typeset once per page.
    expect(calls('\\B')).toBe(2)
    expect(b.read('c/a/index.html')).toContain('<mi>a</mi>')
    expect(b.read('c/b/index.html')).toContain('<mi>b</mi>')
  })

  it('typesets every formula after one whose macro defines another, as an uncached build does', async () => {
    const page = '$$\n\\newcommand{\\w}{p}\n\\newcommand{\\setw}{\\gdef\\w{q}}\n$$\n\n$\\w$ then $\\setw$ then $\\w$\n'
    const b = await buildHere({ 'c/one.md': page })
    const html = article(b.read('c/one/index.html'))
    expect(html.match(/<mi>p<\/mi>/g)).toHaveLength(1)
    expect(html.match(/<mi>q<\/mi>/g)).toHaveLength(1)
    // A second page with the same macros, built after the first in the same process, is still right.
    const again = await buildHere({ 'c/one.md': page, 'c/two.md': page })
    const two = article(again.read('c/two/index.html'))
    expect(two.match(/<mi>p<\/mi>/g)).toHaveLength(1)
    expect(two.match(/<mi>q<\/mi>/g)).toHaveLength(1)
  })

  it('reports a broken formula at its place on every build', async () => {
    const page = 'ok $y$\n\nbad $\\frac{1}{$\n'
    for (let i = 0; i < 2; i++) {
      const b = await buildHere({ 'c/bad.md': page })
      expect(b.report).toMatch(/^content\/c\/bad\.md:3:5 {2}warning {2}Unexpected end of input in a macro argument, expected '}' at end of input: \\frac\{1\}\{ {2}katex kogi$/m)
    }
  })
})
