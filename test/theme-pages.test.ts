/**
 * What the theme's plugins and templates add to a built page, checked on real builds: messages
 * with positions, the QR code and its absence without a public URL, lecture order on course
 * pages, and the slots other features plug into.
 */
import { describe, expect, it } from 'vitest'
import { buildFiles } from './helpers/build.js'
import { renderMarkdown } from './helpers/render.js'
import { altFromSrc } from '../src/plugins/rehype-image-alt.js'

describe('theme plugins', () => {
  it('reports a code fence in a language Shiki does not know at the fence line', async () => {
    const { file, html } = await renderMarkdown('---\ntitle: T\n---\n\ntext\n\n```pyton\nprint(1)\n```\n\n```python\nprint(2)\n```\n')
    const msgs = file.messages.filter((m) => m.ruleId === 'code-language')
    expect(msgs.map((m) => [m.line, m.column, m.fatal])).toEqual([[7, 1, false]])
    expect(msgs[0]!.reason).toBe('unknown code language "pyton": shown without highlighting')
    expect(html.match(/class="shiki /g)).toHaveLength(2)
  })

  it('notes images without alt text once per page, as info, at the first', async () => {
    const { file } = await renderMarkdown('a\n\n<img src="x/2019Devlin_mask.jpg" width="50%">\n\n<img src="b.png">\n')
    const msgs = file.messages.filter((m) => m.ruleId === 'image-alt')
    expect(msgs.map((m) => [m.line, m.fatal, m.reason])).toEqual([[3, undefined, '2 images without alt text, described by file name (the first here)']])
    expect(altFromSrc('/a/b/%E5%9B%B3_1-a.PNG?x=1')).toBe('図 1 a')
  })

  it('keeps CJK newlines out of headings and paragraphs but not code', async () => {
    const { html } = await renderMarkdown('行を\n分ける。\n\n```\n行を\n分ける\n```\n')
    expect(html).toContain('<p>行を分ける。</p>')
    expect(html).toContain('行を\n分ける')
  })
})

describe('theme templates', () => {
  const files = {
    'c/index.md': '---\ntitle: 授業\n---\n\n# 授業\n',
    'c/lect10.md': '---\ntitle: 第10回\n---\n本文\n',
    'c/lect2.md': '---\ntitle: 第2回\n---\n本文\n',
    'c/lect1.md': '---\ntitle: 第1回\ndate: 2024-04-12\n---\n本文\n',
  }

  it('lists lectures in order with numbers, and puts a QR code of the public URL on lectures', async () => {
    const b = await buildFiles(files, { url: 'https://u.example', base: '/kogi/' })
    expect(b.result.errors).toBe(0)
    const course = b.read('c/index.html')
    const order = [...course.matchAll(/<span class="title">([^<]+)<\/span>/g)].map((m) => m[1])
    expect(order).toEqual(['第1回', '第2回', '第10回'])
    const lecture = b.read('c/lect2/index.html')
    expect(lecture).toContain('<svg class="qr"')
    expect(lecture).toContain('<span class="qr-url">https://u.example/kogi/c/lect2/</span>')
    expect(lecture).toContain('<h1 class="page-title">第2回</h1>')
    expect(course).not.toContain('<svg class="qr"')
  })

  it('makes no QR code without a public URL, and leaves slots for search and sidebars', async () => {
    const b = await buildFiles(files)
    const lecture = b.read('c/lect2/index.html')
    expect(lecture).not.toContain('class="qr')
    expect(lecture).toMatch(/<div class="header-tools">\s*<div class="kogi-search" role="search" hidden>[\s\S]*?<\/div>\s*<button/)
    expect(lecture).toMatch(/<div class="page-grid">\s*<main id="main"/)
    expect(lecture).toContain('<script>\n(function (root) {')
  })
})
