/**
 * `javascript:` targets: a markdown link or image holding one is shown as its text with a
 * warning where it is written; raw HTML keeps it, with a warning. Case, tabs, entities and
 * leading spaces do not hide one.
 */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './helpers/render.js'
import { buildFiles } from './helpers/build.js'
import { isScriptUrl } from '../src/plugins/rehype-urls.js'

const messages = (file: { messages: { line?: number; column?: number; ruleId?: string | undefined; fatal?: boolean | null | undefined; reason: string }[] }) =>
  file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal === false ? 'warning' : m.fatal ? 'error' : 'info'} ${m.reason}`)

describe('javascript: URLs', () => {
  it('reads them as a browser does', () => {
    expect(['javascript:alert(1)', 'JaVaScRiPt:x', 'java\tscript:x', 'java\nscript:x', ' \u0001javascript:x', 'javascript\r:x'].map(isScriptUrl)).toEqual([true, true, true, true, true, true])
    expect(['https://a.b/javascript:x', 'javascript', 'java script:x', '/javascript:x', 'javascript%3Ax'].map(isScriptUrl)).toEqual([false, false, false, false, false])
  })

  it('shows markdown links and images holding one as text, with a warning at each', async () => {
    const { html, file } = await renderMarkdown('[x](javascript:alert(1)) and [y](JaVaScRiPt:go()) and [z](<java\tscript:a>)\n\n[e](&#x6A;avascript:a) ![picture](javascript:a) [ok](https://example.com/)\n')
    expect(html).toBe('<p>x and y and z</p>\n<p>e picture <a href="https://example.com/">ok</a></p>')
    expect(messages(file)).toEqual([
      '1:1 unsafe-url warning link target `javascript:alert(1)` runs a script instead of opening a page; the link is shown as plain text',
      '1:30 unsafe-url warning link target `JaVaScRiPt:go()` runs a script instead of opening a page; the link is shown as plain text',
      '1:55 unsafe-url warning link target `java\tscript:a` runs a script instead of opening a page; the link is shown as plain text',
      '3:1 unsafe-url warning link target `javascript:a` runs a script instead of opening a page; the link is shown as plain text',
      '3:24 unsafe-url warning image source `javascript:a` runs a script instead of loading an image; its alt text is shown instead',
    ])
  })

  it('warns once at a definition holding one, and shows the links using it as text', async () => {
    const { html, file } = await renderMarkdown('See [the notes][n] and ![the figure][n], [again][N].\n\n[n]: javascript:steal()\n')
    expect(html).toBe('<p>See the notes and the figure, again.</p>')
    expect(messages(file)).toEqual(['3:1 unsafe-url warning link definition `[n]: javascript:steal()` runs a script instead of opening a page; links using it are shown as plain text'])
  })

  it('keeps one in raw HTML, the author\'s own, with a warning at the element', async () => {
    const { html, file } = await renderMarkdown('text\n\n<a href=" javascript:void(0)" onclick="toggle()">toggle</a> <iframe src="JAVASCRIPT:x"></iframe>\n')
    expect(html).toBe('<p>text</p>\n<p><a href=" javascript:void(0)" onclick="toggle()">toggle</a> <iframe src="JAVASCRIPT:x" style="aspect-ratio:16 / 9" class="media" loading="lazy" allowfullscreen></iframe></p>')
    expect(messages(file)).toEqual([
      '3:1 unsafe-url warning `a[href]` is a `javascript:` URL, which runs a script when followed; kept as written in raw HTML',
      '3:61 unsafe-url warning `iframe[src]` is a `javascript:` URL, which runs a script when followed; kept as written in raw HTML',
    ])
  })

  it('is reported once in a build, by the page, not again by the link check', async () => {
    const b = await buildFiles({ 'c/x.md': '# x\n\n[run](javascript:alert(1))\n' })
    expect(b.report).toBe('content/c/x.md:3:1  warning  link target `javascript:alert(1)` runs a script instead of opening a page; the link is shown as plain text  unsafe-url kogi')
    expect(b.read('c/x/index.html')).not.toContain('javascript:')
  })
})
