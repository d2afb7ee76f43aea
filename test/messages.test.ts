/**
 * Problems in content are reported at the line and column of the original file, with a rule
 * id, and never stop the other pages from building.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildFiles } from './helpers/build.js'
import { renderMarkdown } from './helpers/render.js'

const frontMatter = '---\ntitle: T\nlayout: page\n---\n'

describe('positions of messages', () => {
  it('reports a broken formula on line N of the .md file, front matter counted', async () => {
    const source = frontMatter + 'intro\n\n$$\nx^{2\n$$\n\nInline $\\frac{1}{$ here.\n'
    const { file } = await renderMarkdown(source)
    const katex = file.messages.filter((m) => m.ruleId === 'katex')
    expect(katex.map((m) => [m.line, m.column])).toEqual([
      [7, 1],
      [11, 8],
    ])
    expect(katex[0]!.reason).toMatch(/^Expected '}', got 'EOF'/)
    expect(katex[0]!.fatal).toBe(false)
  })

  it('prints path:line:col  warning  reason  rule', async () => {
    const b = await buildFiles({ 'c/a.md': frontMatter + '\n$\\badmacro{}$\n', 'c/b.md': '# fine\n' })
    expect(b.report).toBe('content/c/a.md:6:1  warning  Undefined control sequence: \\badmacro at position 1: \\̲b̲a̲d̲m̲a̲c̲r̲o̲{}  katex kogi')
    expect(b.read('c/b/index.html')).toContain('fine')
    // KaTeX shows the undefined macro in red in place; the rest of the page is there.
    expect(b.read('c/a/index.html')).toContain('<mstyle mathcolor="#cc0000"><mtext>\\badmacro</mtext>')
  })

  it('reports invalid YAML at its line and still builds and writes the other pages', async () => {
    const b = await buildFiles({ 'c/bad.md': '---\ntitle: [unclosed\nlayout: page\n---\nbody\n', 'c/good.md': '# good\n' })
    const msg = b.result.files.flatMap((f) => f.messages).find((m) => m.ruleId === 'front-matter')!
    // The parser notices the unclosed list where the next key starts, and says what is wrong.
    expect([msg.file, msg.line, msg.column, msg.fatal]).toEqual(['content/c/bad.md', 3, 1, true])
    expect(msg.reason).toBe('invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ]')
    expect(b.result.errors).toBe(1)
    expect(b.result.written).toBe(true)
    expect(b.result.pages).toBe(3) // good, the generated course page and home page
    expect(b.read('c/good/index.html')).toContain('good')
    expect(fs.existsSync(path.join(b.out, 'c/bad'))).toBe(false)
  })

  it('names the layouts that exist when a page asks for an unknown one', async () => {
    const b = await buildFiles({ 'c/x.md': '---\ntitle: X\nlayout: fancy\n---\n' })
    expect(b.report).toBe('content/c/x.md:3:1  error  unknown layout "fancy"; layouts in templates/layouts: default, home, page  layout kogi')
  })

  it('reports a template syntax error at its own path and line', async () => {
    const templates = path.join(fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'kogi-tpl-')), 'templates')
    fs.mkdirSync(path.join(templates, 'layouts'), { recursive: true })
    fs.mkdirSync(path.join(templates, 'includes'))
    fs.writeFileSync(path.join(templates, 'layouts', 'default.liquid'), '<html>\n<body>\n{% if page.title %}\n{{ content | raw }}\n</body>\n')
    const b = await buildFiles({ 'c/x.md': '# x\n' }, {}, { templatesDir: templates })
    const msg = b.result.files.flatMap((f) => f.messages).find((m) => m.ruleId === 'template')!
    expect(msg.file).toMatch(/templates\/layouts\/default\.liquid$/)
    expect([msg.line, msg.fatal]).toEqual([3, true])
    expect(msg.reason).toContain('tag {% if page.title %} not closed')
  })

  it('names Shift_JIS and where the first bad byte is', async () => {
    const sjis = Buffer.from([0x23, 0x20, 0x6f, 0x6b, 0x0a, 0x82, 0xa0, 0x0a]) // "# ok\nあ\n" in Shift_JIS
    const b = await buildFiles({ 'c/sjis.md': sjis, 'c/ok.md': '# ok\n' })
    expect(b.report).toBe('content/c/sjis.md:2:1  error  file is not UTF-8 (first invalid byte 0x82): it looks like Shift_JIS; re-save it as UTF-8  encoding kogi')
  })

  it('accepts a BOM and CRLF line endings, counting lines right', async () => {
    const { file, html } = await renderMarkdown('\ufeff---\r\ntitle: T\r\n---\r\nok\r\n\r\n$\\undefinedthing$\r\n')
    expect(html).toContain('<p>ok</p>')
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[6, 1, 'katex']])
  })

  it('says where a comment that is never closed starts', async () => {
    const { file, html } = await renderMarkdown('shown\n\n<!-- draft\n\nnever closed\n')
    expect(html).toBe('<p>shown</p>')
    expect(file.messages.map((m) => [m.line, m.column, m.reason])).toEqual([[3, 1, 'comment opened at line 3 is never closed; everything after it is hidden']])
  })
})
