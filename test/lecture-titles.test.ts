/**
 * Lectures whose front matter all carry the course's name as `title`: each lecture is titled by
 * its first heading, else 第N回 from its file name; the shared name titles the course; one <h1>
 * per page.
 */
import { describe, expect, it } from 'vitest'
import { buildFiles } from './helpers/build.js'
import { ordinalTitle } from '../src/stages/model.js'

describe('lecture titles', () => {
  it('titles each lecture on its own when the lectures of a course share a front-matter title', async () => {
    const matter = '---\ntitle: 認知心理学\n---\n'
    const b = await buildFiles({
      'cog/cog_lect01.md': `${matter}# 知覚の仕組み\n\n本文\n`,
      'cog/cog_lect02.md': `${matter}## 記憶\n\n本文\n`,
      'cog/cog_lect03.md': `${matter}本文だけ\n`,
      'other/a.md': '---\ntitle: 単独の題\n---\n# 見出し\n',
    })
    expect(b.result.errors).toBe(0)
    const course = b.read('cog/index.html')
    expect([...course.matchAll(/<span class="title">([^<]+)<\/span>/g)].map((m) => m[1])).toEqual(['知覚の仕組み', '記憶', '第3回'])
    expect(course).toContain('<title>認知心理学 | kogi</title>')
    const second = b.read('cog/cog_lect02/index.html')
    expect(second).toContain('<title>記憶 | kogi</title>')
    expect(second).toMatch(/<p class="page-course"><a href="\/cog\/">認知心理学<\/a><\/p>/)
    expect(second).toMatch(/rel="prev" href="\/cog\/cog_lect01\/"><span class="label">← 前の講義<\/span><span class="title">知覚の仕組み<\/span>/)
    expect(second).toMatch(/rel="next" href="\/cog\/cog_lect03\/"><span class="label">次の講義 →<\/span><span class="title">第3回<\/span>/)
    for (const rel of ['cog/cog_lect01/index.html', 'cog/cog_lect02/index.html', 'cog/cog_lect03/index.html', 'other/a/index.html']) {
      expect(b.read(rel).match(/<h1[ >]/g), rel).toHaveLength(1)
    }
    expect(b.read('cog/cog_lect03/index.html')).toContain('<h1 class="page-title">第3回</h1>')
    // A title of its own is kept.
    expect(b.read('other/a/index.html')).toContain('<title>単独の題 | kogi</title>')
  })

  it('numbers a lecture from the last number of its file name', () => {
    expect(['2025cogpsy_lect03.md', 'x/lect10.markdown', 'intro.md'].map(ordinalTitle)).toEqual(['第3回', '第10回', 'intro'])
  })
})
