/**
 * Small or large inputs that used to hang a build or blow it up: each ends in a message at its
 * place in its own file while the other pages are still built, and the large inputs that are
 * allowed build whole. Each build runs in a process of its own with a time limit, so a
 * regression fails the test instead of stalling the runner.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildInChild } from './helpers/child-build.js'
import { MAX_LECTURE_BYTES } from '../src/stages/read.js'

/** "Billion laughs": nine anchors, each a list of nine aliases of the one before, in 400 bytes. */
function laughs(): string {
  let yaml = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n'
  for (let i = 1; i < 9; i++) {
    const [before, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)]
    yaml += `${name}: &${name} [${Array(9).fill('*' + before).join(', ')}]\n`
  }
  return `---\ntitle: t\n${yaml}---\nbody\n`
}

/** Lines of the report that name a file, without the summary. */
const reported = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('content/'))

describe('bombs', () => {
  it('ends each in an error at its place in its own file, and builds the other pages', async () => {
    // 408 KB: under the limit of a lecture, over that of front matter.
    const frontMatter = '---\n' + Array.from({ length: 20_000 }, (_, i) => `key${i}: value ${i}`).join('\n') + '\n---\nbody\n'
    const b = await buildInChild(
      {
        'c/laughs.md': laughs(),
        'c/circular.md': '---\ntitle: t\nx: &x\n  y: *x\n---\nbody\n',
        'c/matter.md': frontMatter,
        'c/huge.md': '講義の本文が続きます。\n'.repeat(Math.ceil(5_000_000 / 34)),
        'c/ok.md': '# ok\n',
      },
      120_000,
    )
    expect(b.killed).toBe(false)
    expect(reported(b.stderr)).toEqual([
      'content/c/circular.md:4:6  error  invalid YAML front matter: alias *x is inside the value it names, which would contain itself  front-matter kogi',
      'content/c/huge.md:1:1  error  lecture is 4.8 MB; kogi renders lectures of up to 512 KB: split it into several pages  file-size kogi',
      'content/c/laughs.md:7:8  error  invalid YAML front matter: aliases expand the front matter by more than 10,000 values (nested aliases?)  front-matter kogi',
      'content/c/matter.md:1:1  error  front matter is 408 KB; kogi reads at most 16 KB of it  front-matter kogi',
    ])
    // ok, the generated course page and the home page are built and written; the bombs are left out.
    expect(b.stderr).toMatch(/^kogi: 3 pages, 0 warnings, 4 errors in /m)
    expect(b.code).toBe(1)
    expect(fs.existsSync(path.join(b.dir, '_site', 'c', 'ok', 'index.html'))).toBe(true)
    expect(['laughs', 'circular', 'matter', 'huge'].filter((n) => fs.existsSync(path.join(b.dir, '_site', 'c', n)))).toEqual([])
  }, 150_000)
})

describe('large inputs', () => {
  it('builds a 20,000-row table, a 10,000-item list, thousands of block quotes and setext headings, and a lecture just under the limit', async () => {
    const unit = '## 節\n\n' + '講義の本文が続きます。'.repeat(40) + '\n$x^2$ と **強調**。\n\n'
    const lecture = unit.repeat(Math.floor((MAX_LECTURE_BYTES - 100) / Buffer.byteLength(unit))) + '最後の段落。\n'
    const b = await buildInChild(
      {
        'c/table.md': '| n | x | y |\n|---|---|---|\n' + Array.from({ length: 20_000 }, (_, i) => `| ${i} | x${i} | y |\n`).join(''),
        'c/list.md': Array.from({ length: 10_000 }, (_, i) => `- item ${i}\n`).join(''),
        'c/quotes.md': Array.from({ length: 3000 }, (_, i) => `> quote ${i}\n\n`).join(''),
        'c/setext.md': Array.from({ length: 3000 }, (_, i) => `heading ${i}\n---\n\n`).join(''),
        'c/lecture.md': lecture,
      },
      280_000,
    )
    expect(b.killed).toBe(false)
    expect(reported(b.stderr)).toEqual([])
    expect(b.code).toBe(0)
    const page = (name: string) => fs.readFileSync(path.join(b.dir, '_site', 'c', name, 'index.html'), 'utf8')
    const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0
    expect(count(page('table'), /<td>x\d+<\/td>/g)).toBe(20_000)
    expect(page('table')).toContain('<tr>\n<td>19999</td>\n<td>x19999</td>\n<td>y</td>\n</tr>')
    expect(count(page('list'), /<li>item \d+<\/li>/g)).toBe(10_000)
    expect(count(page('quotes'), /<blockquote>\n<p>quote \d+<\/p>\n<\/blockquote>/g)).toBe(3000)
    expect(count(page('setext'), /<section id="heading-\d+" class="kogi-section level-2"><h2>heading \d+</g)).toBe(3000)
    expect(count(page('lecture'), /class="katex"/g)).toBe(count(lecture, /\$x\^2\$/g))
    expect(page('lecture')).toContain('<p>最後の段落。</p>')
  }, 300_000)
})
