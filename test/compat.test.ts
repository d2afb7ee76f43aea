/**
 * The instructor's Jekyll-era lectures: kramdown math pairing keeps line numbers, attribute
 * list problems and author errors are reported where they are, and pages without front
 * matter are titled from their first heading.
 */
import { describe, expect, it, vi } from 'vitest'
import { buildFiles } from './helpers/build.js'
import { renderMarkdown } from './helpers/render.js'
import { protectDollarMath, restoreDollarMath } from '../src/math/dollars.js'
import { parseAttributeList } from '../src/markdown/attribute-list.js'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import { VFile } from 'vfile'
import type { Root } from 'mdast'
import remarkKramdownMath from '../src/plugins/remark-kramdown-math.js'

const where = (file: { messages: { line?: number | null; column?: number | null; ruleId?: string | null }[] }, rule: string) =>
  file.messages.filter((m) => m.ruleId === rule).map((m) => ({ line: m.line, column: m.column, ruleId: m.ruleId }))

describe('kramdown $$ pre-pass', () => {
  it('keeps every line where it was and restores the TeX', () => {
    const source = 'intro\n\n$$\\begin{aligned}\na &= b\n- c\n\nd\\end{aligned}$$\n\nafter\n'
    const { text, spans } = protectDollarMath(source)
    expect(text.split('\n').length).toBe(source.split('\n').length)
    expect(text.split('\n')[4]).toBe('    - c')
    expect(text.split('\n')[5]).toBe('    %')
    expect(spans).toHaveLength(1)
    const tex = text.slice(spans[0]!.start + 2, spans[0]!.end - 2)
    expect(restoreDollarMath(tex)).toBe('\\begin{aligned}\na &= b\n- c\n\nd\\end{aligned}')
  })

  it('does not let an inline $$ run past the end of its paragraph', () => {
    const source = 'a $$ b\n- item\n\nc $$ d\n'
    const { text, spans } = protectDollarMath(source)
    expect(spans).toEqual([])
    expect(text).toBe(source)
  })

  it('leaves code fences alone, indented ones in list items too', () => {
    const source = '- item\n\n    ```\n    $$ a\n    b $$\n    ```\n'
    const { text, spans } = protectDollarMath(source)
    expect({ text, spans }).toEqual({ text: source, spans: [] })
  })

  it('gives nodes positions in the original text, offsets included', async () => {
    const source = 'x\n\n$$\\begin{aligned}\na &= b\n\n- c\\end{aligned}$$\n\nafter **bold**\n'
    const file = new VFile({ value: source })
    const processor = unified().use(remarkParse).use(remarkKramdownMath)
    const tree = (await processor.run(processor.parse(file), file)) as Root
    const math = tree.children[1]!
    expect(math.type).toBe('math')
    expect(source.slice(math.position!.start.offset, math.position!.end.offset)).toBe('$$\\begin{aligned}\na &= b\n\n- c\\end{aligned}$$')
    const after = tree.children[2]!
    expect(source.slice(after.position!.start.offset, after.position!.end.offset)).toBe('after **bold**')
    expect(after.position!.start).toMatchObject({ line: 8, column: 1 })
  })

  it('reports a broken formula after a multi-line block at its own line', async () => {
    const source = '$$\\begin{aligned}\na &= b\n\n- c\\end{aligned}$$\n\ntext $\\frac{1}{$ here\n\n$$x^{2$$\n'
    const { file } = await renderMarkdown(source)
    expect(where(file, 'katex')).toEqual([
      { line: 6, column: 6, ruleId: 'katex' },
      { line: 8, column: 1, ruleId: 'katex' },
    ])
  })
})

describe('author errors stay visible', () => {
  it('reports undefined macros, unbalanced braces and a stray $ with their line, and keeps the page', async () => {
    const source = '# T\n\n$\\mathbf{X}=\\Brc{x_{ij}}$ is used.\n\n$F\\left({q,\\theta\\right)$\n\n$$\\mathbf{\\beta\'X\'y$} + 1$$\n\nThe end.\n'
    const { html, file } = await renderMarkdown(source)
    const messages = file.messages.filter((m) => m.ruleId === 'katex')
    expect(messages.map((m) => [m.line, m.column])).toEqual([
      [3, 1],
      [5, 1],
      [7, 1],
    ])
    expect(messages[0]!.reason).toMatch(/^Undefined control sequence: \\Brc/)
    expect(messages[1]!.reason).toMatch(/^Expected '}', got '\\right'/)
    expect(html).toContain('class="katex-error"')
    expect(html).toContain('<p>The end.</p>')
  })
})

describe('kramdown attribute lists', () => {
  it('warns about misspellings at their position with the fix', async () => {
    const { file } = await renderMarkdown('Intro\n\nSee [a](https://x.org/a){:taget="_blank"} and\n[b](https://x.org/b){:target="_blnak"}.\n')
    expect(where(file, 'kramdown-attributes')).toEqual([
      { line: 3, column: 25, ruleId: 'kramdown-attributes' },
      { line: 4, column: 21, ruleId: 'kramdown-attributes' },
    ])
    expect(file.messages[0]!.reason).toContain('did you mean `target`?')
    expect(file.messages[1]!.reason).toContain('did you mean target="_blank"?')
  })

  it('leaves braces that are not attribute lists as text', () => {
    expect(parseAttributeList('{x}')).toBeUndefined()
    expect(parseAttributeList('{:target="blank"}')?.attributes).toEqual({ target: '_blank' })
    expect(parseAttributeList('{: .a class="b c" #d}')?.attributes).toEqual({ id: 'd', className: ['a', 'b', 'c'] })
  })
})

describe('TeX and attribute lists where they cannot apply', () => {
  it('reports a bare environment in prose and a list inside raw HTML at their position, showing neither', async () => {
    const source = 'Intro\n\nThe model\n\\begin{equation}\ny = x\n\\end{equation}\nholds.\n\n<div>\n<a href="x.html">x</a>{:target="_blank"}\n</div>\n'
    const { html, file } = await renderMarkdown(source)
    expect(where(file, 'tex-in-prose')).toEqual([{ line: 4, column: 1, ruleId: 'tex-in-prose' }])
    expect(where(file, 'kramdown-attributes')).toEqual([{ line: 10, column: 23, ruleId: 'kramdown-attributes' }])
    expect(html).not.toContain('{:')
  })
})

describe('characters KaTeX has no glyph for', () => {
  it('are reported once per page, at the first formula holding one', async () => {
    // KaTeX itself still prints a line for each such glyph; no option turns that off.
    const quiet = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { file } = await renderMarkdown('Text\n\n$x$ and $\\mathbf{V^{⁎}}$ and $U^{⁎}$\n').finally(() => quiet.mockRestore())
    expect(file.messages.filter((m) => m.ruleId === 'katex-font').map((m) => [m.line, m.column, m.reason])).toEqual([[3, 9, "KaTeX's fonts have no '⁎' (U+204E); it is drawn in a fallback font"]])
  })
})

describe('lectures without front matter', () => {
  it('builds and takes the title from the first heading', async () => {
    const b = await buildFiles({ 'c/README.md': '# 講義の進め方\n\n本文 $x$。\n' })
    expect(b.result.errors).toBe(0)
    expect(b.read('c/README/index.html')).toMatch(/<title>講義の進め方/)
  })
})

describe('an unclosed $$ after a closed one on the same line', () => {
  it('is reported at its own column', async () => {
    const { file } = await renderMarkdown('$$\n$$ \\sum_i x_i $$\n')
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[2, 15, 'runaway-math']])
  })
})
