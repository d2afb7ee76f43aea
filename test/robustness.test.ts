/**
 * Bad input: each case gives a clear message with path and line, the other pages still
 * build, and the exit status follows "1 for what cannot be rendered, 0 with a warning for what can".
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { buildFiles, tempProject } from './helpers/build.js'
import { renderMarkdown } from './helpers/render.js'
import { build } from '../src/stages/build.js'
import { resolveConfig } from '../src/config.js'
import { projectRoot } from './helpers/shared.js'
import { MAX_LECTURE_BYTES } from '../src/stages/read.js'

const messages = (b: { result: { files: { messages: { file?: string; line?: number; column?: number; ruleId?: string; fatal?: boolean | null; reason: string }[] }[] } }) =>
  b.result.files.flatMap((f) => f.messages).filter((m) => typeof m.fatal === "boolean").map((m) => ({ file: m.file, line: m.line, column: m.column, ruleId: m.ruleId, fatal: m.fatal, reason: m.reason }))

describe('front matter', () => {
  it('rejects front matter that is not a mapping, at its line, and builds the rest', async () => {
    const b = await buildFiles({ 'c/list.md': '---\n- a\n- b\n---\ntext\n', 'c/ok.md': '# ok\n' })
    expect(messages(b)).toEqual([{ file: 'content/c/list.md', line: 2, column: 1, ruleId: 'front-matter', fatal: true, reason: 'front matter must be a mapping of keys to values, got a list' }])
    // The other pages are written; the bad one, new, is left out.
    expect(b.result.written).toBe(true)
    expect(b.read('c/ok/index.html')).toContain('ok')
    expect(fs.existsSync(path.join(b.out, 'c/list'))).toBe(false)
  })

  it('accepts a title that is a number or a list, with a warning naming the value', async () => {
    const b = await buildFiles({ 'c/n.md': '---\ntitle: 2024\n---\n', 'c/l.md': '---\nlayout: page\ntitle: [a, b]\n---\n' })
    expect(messages(b).map((m) => [m.file, m.line, m.fatal, m.reason])).toEqual([
      ['content/c/l.md', 3, false, '`title` should be text, got a list ["a","b"]; using "a b"'],
      ['content/c/n.md', 2, false, '`title` should be text, got number 2024; using "2024"'],
    ])
    expect(b.result.written).toBe(true)
    expect(b.read('c/n/index.html')).toContain('<title>2024 | kogi</title>')
  })

  it('keeps a free-text date such as 2021_1119 as the author wrote it', async () => {
    const { file } = await renderMarkdown('---\ntitle: t\ndate: 2021_1119\n---\n')
    expect(file.data.matter!.date).toBe('2021_1119')
    expect(file.messages).toEqual([])
  })
})

describe('encodings and odd files', () => {
  it('names EUC-JP', async () => {
    const eucjp = Buffer.from([0x61, 0x0a, 0x62, 0xa4, 0xa2, 0x0a]) // "a\nbあ\n" in EUC-JP
    const b = await buildFiles({ 'c/e.md': eucjp })
    expect(b.report).toBe('content/c/e.md:2:2  error  file is not UTF-8 (first invalid byte 0xa4): it looks like EUC-JP; re-save it as UTF-8  encoding kogi')
  })

  it('builds a line of 1 MB', async () => {
    const { html, file } = await renderMarkdown('あ'.repeat(1_000_000) + '\n')
    expect(html.length).toBe(1_000_007)
    expect(file.messages).toEqual([])
  })

  it('refuses a lecture one byte over the size limit at its first line, and builds the rest', async () => {
    const b = await buildFiles({ 'c/big.md': 'a'.repeat(MAX_LECTURE_BYTES) + '\n', 'c/ok.md': '# ok\n' })
    expect(messages(b)).toEqual([{ file: 'content/c/big.md', line: 1, column: 1, ruleId: 'file-size', fatal: true, reason: 'lecture is 513 KB; kogi renders lectures of up to 512 KB: split it into several pages' }])
    expect(b.result.pages).toBe(3) // ok, the generated course page and the home page
  })

  it('flattens lists nested 1,000 deep, with a warning at the first line cut', async () => {
    const md = Array.from({ length: 1000 }, (_, i) => '  '.repeat(i) + `- item ${i}`).join('\n') + '\n'
    const { html, file } = await renderMarkdown(md)
    expect(html).toContain('item 999')
    expect(file.messages.every((m) => m.ruleId === 'nesting' && m.fatal === false)).toBe(true)
    expect(file.messages.map((m) => [m.line, m.column])).toEqual([[66, 1]]) // line 66 is indented 130 columns, past 128
  }, 120_000)

  it('flattens block quotes nested 1,000 deep', async () => {
    const { html, file } = await renderMarkdown('> '.repeat(1000) + 'deep\n')
    expect(html).toContain('deep')
    expect(html.match(/<blockquote>/g)!.length).toBeLessThanOrEqual(64)
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[1, 1, 'nesting']])
  })

  it('flattens quotes and lists mixed 500 levels deep on one line, which the source guard lets through', async () => {
    const { html, file } = await renderMarkdown('> - '.repeat(500) + 'deep\n')
    expect(html).toContain('deep')
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId, m.reason])).toEqual([[1, 213, 'nesting', 'lists or block quotes are nested more than 160 levels deep; the deeper levels are shown flattened']])
  })

  it('reports HTML nested too deeply to render as an error on that page only', async () => {
    const b = await buildFiles({ 'c/deep.md': '<div>'.repeat(20000) + 'x' + '</div>'.repeat(20000) + '\n', 'c/ok.md': '# ok\n' })
    expect(messages(b).map((m) => [m.file, m.fatal, m.reason])).toEqual([['content/c/deep.md', true, 'page could not be rendered: it is nested too deeply to render (elements hundreds of levels deep)']])
  })
})

describe('math that runs away or breaks KaTeX', () => {
  it('says where an unclosed $$ starts, and swallows nothing after it', async () => {
    const { file } = await renderMarkdown('intro\n\n$$\n\\frac{1}{2}\n\n本文が続く\n\n## 見出し\n')
    const { html } = await renderMarkdown('intro\n\n$$\n\\frac{1}{2}\n\n本文が続く\n\n## 見出し\n')
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId, m.reason])).toEqual([[3, 1, 'runaway-math', '`$$` opened at line 3 is never closed; it is shown as text']])
    // Nothing after it is swallowed.
    expect(html).toContain('<p>本文が続く</p>')
    expect(html).toMatch(/<h2>見出し/)
  })

  it('keeps rendering when KaTeX throws something other than a parse error', async () => {
    const { html, file } = await renderMarkdown('before $\\begin{\\pmatrix}$ after\n')
    expect(html).toContain('after')
    expect(html).toContain('class="katex-error"')
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[1, 8, 'katex']])
  })
})

describe('paths', () => {
  it('never reads or copies ../../../etc/passwd, and says the link leaves the site', async () => {
    const b = await buildFiles({ 'c/x.md': '[p](../../../etc/passwd)\n\n![i](../../../etc/hostname)\n' })
    const outside = messages(b).filter((m) => m.ruleId === 'outside-site')
    expect(outside.map((m) => [m.file, m.line, m.column])).toEqual([
      ['content/c/x.md', 1, 1],
      ['content/c/x.md', 3, 1],
    ])
    const all = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    expect(all(b.out).filter((f) => /passwd|hostname/.test(f))).toEqual([])
    expect(all(b.out).some((f) => fs.readFileSync(f, 'utf8').includes('root:x:0:0'))).toBe(false)
  })

  it('refuses two sources that map to one URL', async () => {
    const b = await buildFiles({ 'c/a.md': '# a\n', 'c/a/index.md': '# also a\n' })
    expect(messages(b).map((m) => [m.file, m.line, m.fatal, m.reason])).toEqual([['content/c/a.md', 1, true, 'two sources map to the same URL /c/a/: this file and c/a/index.md']])
  })

  it('reports a symbolic link loop and builds everything else', async () => {
    const { dir, content, out } = tempProject({ 'c/x.md': '# x\n' })
    fs.symlinkSync('..', path.join(content, 'c', 'loop'))
    const result = await build({ config: resolveConfig({}, 't'), contentDir: content, outDir: out, templatesDir: path.join(projectRoot, 'templates'), assetsDir: path.join(projectRoot, 'assets'), cwd: dir })
    const m = result.files.flatMap((f) => f.messages).filter((x) => typeof x.fatal === "boolean")
    expect(m.map((x) => [x.file, x.ruleId, x.fatal, x.reason])).toEqual([['content/c/loop', 'symlink-loop', false, 'symbolic link to .. leads back into a folder that holds it; not followed']])
    expect(fs.existsSync(path.join(out, 'c/x/index.html'))).toBe(true)
  })

  it('reports a source deleted while the build runs, and builds the others', async () => {
    const { dir, content, out } = tempProject({ 'c/gone.md': '# gone\n', 'c/here.md': '# here\n' })
    const real = fs.readFileSync
    // The file disappears between discovery and reading, as when the editor saves by rename.
    const spy = vi.spyOn(fs, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, o?: unknown) => {
      if (String(p).endsWith('gone.md')) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${String(p)}'`), { code: 'ENOENT' })
      return real(p, o as BufferEncoding)
    }) as typeof fs.readFileSync)
    try {
      const result = await build({ config: resolveConfig({}, 't'), contentDir: content, outDir: out, templatesDir: path.join(projectRoot, 'templates'), assetsDir: path.join(projectRoot, 'assets'), cwd: dir })
      const m = result.files.flatMap((f) => f.messages).filter((x) => typeof x.fatal === "boolean")
      expect(m.map((x) => [x.file, x.fatal, x.ruleId])).toEqual([['content/c/gone.md', true, 'read']])
      expect(m[0]!.reason).toMatch(/^cannot read file: ENOENT/)
      expect(result.pages).toBe(3)
    } finally {
      spy.mockRestore()
    }
  })
})

describe('the nesting guard', () => {
  it('ignores the blank lines a long comment leaves behind', async () => {
    const { file } = await renderMarkdown('a\n\n<!-- ' + 'x'.repeat(300) + '\n' + 'y'.repeat(300) + ' -->\n\nb\n')
    expect(file.messages).toEqual([])
  })

  it('does not take a comment at the start of a line for indentation', async () => {
    // The comment is blanked into 200 spaces before the text; the author indented nothing.
    const { html, file } = await renderMarkdown('a\n\n<!-- ' + 'x'.repeat(190) + ' -->after\n\nb\n')
    expect(file.messages).toEqual([])
    expect(html).toContain('after')
  })

  it('names the line where the deep indentation starts', async () => {
    const { file } = await renderMarkdown('# t\n\ntext\n\n' + ' '.repeat(200) + 'deep\n')
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[5, 1, 'nesting']])
  })
})
