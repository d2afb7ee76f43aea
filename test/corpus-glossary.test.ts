/**
 * The instructor's real glossaries (../shared/corpus): 2023/glossary.md and every lecture with
 * a 用語集 section are collected into the course and site glossary pages, and every entry there
 * links to a term that exists on its lecture. Skips when the corpus is absent.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { findComments, blankOut } from '../src/markdown/comments.js'
import { buildFiles } from './helpers/build.js'
import { corpusDir } from './helpers/shared.js'

const corpus = corpusDir()

/** Source text without its comments, as a build sees it. */
function visible(text: string): string {
  let out = ''
  let at = 0
  for (const r of findComments(text)) {
    out += text.slice(at, r.start) + blankOut(text, r)
    at = r.end
  }
  return out + text.slice(at)
}

describe.skipIf(!corpus)('corpus glossaries', () => {
  it('collects 2023/glossary.md and the lectures with 用語集 sections', async () => {
    const files: Record<string, string> = {}
    for (const course of fs.readdirSync(corpus!)) {
      const dir = path.join(corpus!, course)
      if (!fs.statSync(dir).isDirectory()) continue
      for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.md'))) {
        const text = fs.readFileSync(path.join(dir, name), 'utf8')
        if (`${course}/${name}` === '2023/glossary.md' || /^#+ .*用語集/m.test(visible(text))) files[`${course}/${name}`] = text
      }
    }
    expect(Object.keys(files)).toContain('2023/glossary.md')
    const b = await buildFiles(files)
    expect(b.result.errors).toBe(0)
    const site = fromHtml(b.read('terms/index.html'))
    const links = selectAll('dl.kogi-glossary-index dd a', site).map((a) => String(a.properties.href))
    const perPage = new Map<string, number>()
    for (const href of links) {
      const [page, id] = href.split('#') as [string, string]
      perPage.set(page, (perPage.get(page) ?? 0) + 1)
      const target = fromHtml(b.read(page.slice(1) + 'index.html'))
      expect(selectAll('dt[id]', target).map((e) => String(e.properties.id))).toContain(decodeURIComponent(id))
    }
    console.info(`[kogi tests] corpus glossaries: ${Object.keys(files).length} sources, ${links.length} definitions from ${perPage.size} pages, ${selectAll('dl.kogi-glossary-index > dt', site).length} terms: ${[...perPage].map(([p, n]) => `${p} ${n}`).join(', ')}`)
    expect(perPage.get('/2023/glossary/')).toBeGreaterThanOrEqual(40)
    expect(perPage.size).toBeGreaterThanOrEqual(3)
  }, 120_000)
})
