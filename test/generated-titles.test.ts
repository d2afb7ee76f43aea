/**
 * Pages kogi makes itself (a home page without `index.md`, a course page without its
 * `index.md`) are titled by the site and the course, not by the file name they do not have.
 */
import { describe, expect, it } from 'vitest'
import { buildFiles } from './helpers/build.js'

const titles = (html: string) => [/<title>([^<]*)<\/title>/.exec(html)?.[1], /<meta property="og:title" content="([^"]*)">/.exec(html)?.[1]]

describe('titles of generated pages', () => {
  it('use the site title on the home page and the course name on a course page', async () => {
    const b = await buildFiles({ 'c/a.md': '# A\n' }, { title: '講義資料' })
    expect(titles(b.read('index.html'))).toEqual(['講義資料', '講義資料'])
    expect(titles(b.read('c/index.html'))).toEqual(['c | 講義資料', 'c'])
    expect(titles(b.read('c/a/index.html'))).toEqual(['A | 講義資料', 'A'])
  })

  it('leave a written index page its own title', async () => {
    const b = await buildFiles({ 'index.md': '# ようこそ\n', 'c/index.md': '---\ntitle: 第1部\n---\n', 'c/a.md': '# A\n' }, { title: '講義資料' })
    expect(titles(b.read('index.html'))).toEqual(['講義資料', 'ようこそ'])
    expect(titles(b.read('c/index.html'))).toEqual(['第1部 | 講義資料', '第1部'])
  })
})
