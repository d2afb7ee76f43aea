/**
 * An empty lecture file, as a new author leaves one just created: a warning, and no page.
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
