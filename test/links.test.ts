/**
 * The link check of every build: internal links, images and fragments that lead nowhere are
 * warnings at the markdown line and column; external URLs are never fetched, only checked for
 * form; `kogi check` fails on any of them.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { main } from '../src/cli.js'
import { malformedReason } from '../src/site/links.js'
import { buildFiles, tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'

const PNG = Buffer.from('89504e470d0a1a0a', 'hex')

const messages = (b: Awaited<ReturnType<typeof buildFiles>>, ruleId: string) =>
  b.result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === ruleId).map((m) => [m.file, m.line, m.column, m.reason]))

describe('internal links and files', () => {
  it('accepts links to pages, sources, folders and files that exist, and reports nothing', async () => {
    const b = await buildFiles({
      'c/a.md': '# A\n\n[b](b.md) [b again](/c/b) [course](/c/) [home](../) [pdf](files/notes.pdf?v=2)\n\n![fig](img/fig.png)\n\n<img alt="fig" srcset="img/fig.png 1x, /c/img/fig.png 2x" src="img/fig.png">\n',
      'c/b.md': '# B\n',
      'c/img/fig.png': PNG,
      'c/files/notes.pdf': '%PDF',
    })
    expect(b.report).toBe('')
    expect(b.result.warnings).toBe(0)
  })

  it('reports a broken link and a missing image at the line and column of the markdown', async () => {
    const b = await buildFiles({
      'c/a.md': '---\ntitle: A\n---\nintro\n\nSee [the next one](lect2.md) and [that](/c/nowhere/).\n\n<div>\n  <img src="./assets/fig1.svg" width="50%">\n</div>\n\n![](/assets/missing.png)\n',
    })
    expect(messages(b, 'broken-link')).toEqual([
      ['content/c/a.md', 6, 5, 'broken link "lect2.md" (/c/lect2.md): no page or file at that address'],
      ['content/c/a.md', 6, 34, 'broken link "/c/nowhere/": no page or file at that address'],
    ])
    expect(messages(b, 'missing-asset')).toEqual([
      ['content/c/a.md', 9, 3, 'missing image "./assets/fig1.svg" (/c/assets/fig1.svg): put the file at content/c/assets/fig1.svg'],
      ['content/c/a.md', 12, 1, 'missing image "/assets/missing.png": put the file at content/assets/missing.png or assets/missing.png'],
    ])
    // Warnings only: the site is still written.
    expect(b.result.errors).toBe(0)
    expect(b.result.written).toBe(true)
    expect(b.report.split('\n')[0]).toBe('content/c/a.md:6:5  warning  broken link "lect2.md" (/c/lect2.md): no page or file at that address  broken-link kogi')
  })

  it('checks every srcset candidate on its own', async () => {
    const b = await buildFiles({ 'c/a.md': '# A\n\n<img alt="x" src="x.png" srcset="x.png 1x, x@2x.png 2x">\n', 'c/x.png': PNG })
    expect(messages(b, 'missing-asset').map((m) => [m[1], m[3]])).toEqual([[3, 'missing image "x@2x.png" (/c/x@2x.png): put the file at content/c/x@2x.png']])
  })

  it('checks url() in inline CSS, at the element that holds it', async () => {
    const b = await buildFiles({ 'c/a.md': '# A\n\n<div style="background:url(bg.png)">x</div>\n\n<style>\n.x { background: url("/c/ok.png") }\n</style>\n', 'c/ok.png': PNG })
    expect(messages(b, 'missing-asset')).toEqual([['content/c/a.md', 3, 1, 'missing file "bg.png" (/c/bg.png): put the file at content/c/bg.png']])
    expect(b.read('c/a/index.html')).toContain('url(/c/bg.png)')
  })

  it('does not take a folder for a file', async () => {
    const b = await buildFiles({ 'c/a.md': '# A\n\n<a href="/c/img">images</a>\n', 'c/img/x.png': PNG })
    expect(messages(b, 'broken-link').map((m) => m[1])).toEqual([3])
  })
})

describe('fragments', () => {
  const target = '# Target\n\n<h2 id="sec-1">One</h2>\n\n<a id="用語集"></a>\n'

  it('accepts fragments naming an id of the target page, percent-encoded or not', async () => {
    const b = await buildFiles({
      'c/t.md': target,
      'c/a.md': '# A\n\n[one](t.md#sec-1) [terms](/c/t/#用語集) [terms](/c/t/#%E7%94%A8%E8%AA%9E%E9%9B%86) [top](#top) [here](#here)\n\n<span id="here"></span>\n',
    })
    expect(b.report).toBe('')
  })

  it('reports a fragment missing on another page and on the same page', async () => {
    const b = await buildFiles({ 'c/t.md': target, 'c/a.md': '# A\n\n[two](t.md#sec-2)\n\n[gone](#nowhere)\n' })
    expect(messages(b, 'missing-fragment')).toEqual([
      ['content/c/a.md', 3, 1, 'link "t.md#sec-2" points to no element: /c/t/ has no id "sec-2"'],
      ['content/c/a.md', 5, 1, 'link "#nowhere" points to no element: this page has no id "nowhere"'],
    ])
  })
})

describe('external URLs', () => {
  it('flags malformed ones without fetching anything', () => {
    expect(malformedReason('https://example.com/a?b=1#c')).toBeUndefined()
    expect(malformedReason('http://localhost:8888/tree')).toBeUndefined()
    expect(malformedReason('mailto:someone@example.ac.jp')).toBeUndefined()
    expect(malformedReason('//cdn.example.com/x.js')).toBeUndefined()
    expect(malformedReason('htps://example.com')).toBe('unknown URL scheme "htps:" (a typo for "https:"?)')
    expect(malformedReason('https:/example.com')).toBe('"https:" must be followed by "//"')
    expect(malformedReason('https://exa mple.com')).toMatch(/^URL contains white space/)
    expect(malformedReason('https://')).toBe('URL cannot be parsed')
    expect(malformedReason('https://youtube/watch')).toBe('host name "youtube" has no dot (a typo?)')
    expect(malformedReason('file:///Users/me/fig.png')).toMatch(/^a file: URL/)
    expect(malformedReason('C:\\Users\\me\\fig.png')).toMatch(/^"C:" looks like a path/)
    expect(malformedReason('mailto:')).toBe('mailto: link without an e-mail address')
  })

  it('reports them as warnings at their place in the markdown', async () => {
    const b = await buildFiles({ 'c/a.md': '# A\n\n[ok](https://example.com) [typo](htps://example.com)\n' })
    expect(messages(b, 'malformed-url')).toEqual([['content/c/a.md', 3, 27, 'malformed URL "htps://example.com": unknown URL scheme "htps:" (a typo for "https:"?)']])
  })
})

describe('kogi check', () => {
  function project(files: Record<string, string>): string {
    const { dir } = tempProject(files)
    fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
    fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
    return dir
  }

  it('exits 1 on a broken link and 0 on a clean site, writing nothing into the project', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    const broken = project({ 'c/a.md': '# A\n\n![](gone.png)\n' })
    const clean = project({ 'c/a.md': '# A\n\n[home](/)\n' })
    expect(await main(['check', '--root', broken])).toBe(1)
    expect(await main(['check', '--root', clean])).toBe(0)
    expect(fs.existsSync(path.join(broken, '_site'))).toBe(false)
    // A plain build warns but succeeds.
    expect(await main(['build', '--root', broken])).toBe(0)
    const printed = stderr.mock.calls.map((c) => String(c[0])).join('')
    stderr.mockRestore()
    expect(printed).toMatch(/content\/c\/a\.md:3:1 {2}warning {2}missing image "gone\.png"/)
  })
})
