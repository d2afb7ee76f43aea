/**
 * What a new author runs into: an empty lecture file just created (a warning, no page), a front
 * matter whose closing `---` is missing (said at line 1).
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildFiles } from './helpers/build.js'

describe('an empty lecture file', () => {
  it('is a warning at line 1 and makes no page; the course lists the others', async () => {
    const b = await buildFiles({ 'c/lect01.md': '# 一\n', 'c/lect02.md': ' \n\n' })
    expect(b.report).toBe('content/c/lect02.md:1:1  warning  empty file: no page is made from it  empty kogi')
    expect(b.result.errors).toBe(0)
    expect(fs.existsSync(path.join(b.out, 'c', 'lect02'))).toBe(false)
    expect([...b.read('c/index.html').matchAll(/<span class="title">([^<]+)<\/span>/g)].map((m) => m[1])).toEqual(['一'])
  })
})

describe('a front matter never closed', () => {
  it('is reported at line 1, and a lone --- before text stays a rule', async () => {
    const b = await buildFiles({ 'c/a.md': '---\ntitle: 一\n\n# 一\n', 'c/b.md': '---\n\n# 二\n' })
    expect(b.report).toBe('content/c/a.md:1:1  warning  front matter is not closed: add a `---` line after its last key (until then it shows as text)  front-matter kogi')
    expect(b.read('c/b/index.html')).toContain('<hr>')
  })
})

describe('an unclosed quote in front matter', () => {
  it('is reported at the line and column where the quote opens, not at the end of the block', async () => {
    const b = await buildFiles({ 'c/a.md': '---\ntitle: "行列\nauthor: x\ndate: 2024-04-01\n---\n# 一\n', 'c/b.md': "---\ntags:\n  - 'x\n  - y\n---\n" })
    expect(b.report.split('\n')).toEqual([
      'content/c/a.md:2:8  error  invalid YAML front matter: this double quote is never closed  front-matter kogi',
      'content/c/b.md:3:5  error  invalid YAML front matter: this single quote is never closed  front-matter kogi',
    ])
  })
})
