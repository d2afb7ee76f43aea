/**
 * Linked sections on the seed lecture, built for real: table of contents, glossary terms,
 * in-page links, the drafts preview and the course glossary page.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import type { Root } from 'hast'
import type { BuildResult } from '../src/stages/build.js'
import { buildProject } from './helpers/build.js'

function allHtml(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allHtml(path.join(dir, e.name)) : e.name.endsWith('.html') ? [path.join(dir, e.name)] : []))
}

async function buildSeed(drafts: boolean): Promise<{ out: string; result: BuildResult; page: (rel: string) => Root }> {
  const { out, result } = await buildProject({ drafts })
  return { out, result, page: (rel) => fromHtml(fs.readFileSync(path.join(out, rel), 'utf8')) }
}

/** Fragment links of a page that name no element of it. */
function unresolved(tree: Root): string[] {
  const ids = new Set(selectAll('[id]', tree).map((e) => String(e.properties.id)))
  return selectAll('a[href^="#"]', tree)
    .map((a) => decodeURIComponent(String(a.properties.href).slice(1)))
    .filter((id) => !ids.has(id))
}

const LECTURE = '2024ai/2024ai_lect20/index.html'
let plain: Awaited<ReturnType<typeof buildSeed>>
let drafts: Awaited<ReturnType<typeof buildSeed>>

beforeAll(async () => {
  plain = await buildSeed(false)
  drafts = await buildSeed(true)
})

describe('seed lecture: linked sections', () => {
  it('has a table of contents linking 用語集, 2.4.3, 2.4.4, 2.5 and Box 1', () => {
    const toc = selectAll('nav.kogi-toc a', plain.page(LECTURE)).map((a) => toString(a))
    for (const want of ['用語集', '2.4.3 Transformer における位置符号化器 (PE: position encoders)', '2.4.4 事前訓練', '2.5 Transformer (SBERT) の文ベクトル', 'Box 1']) expect(toc).toContain(want)
    // Headings hidden in comments never appear without --drafts.
    expect(toc).not.toContain('box 2')
    expect(toc).not.toContain('Glossary')
  })

  it('has 16 glossary terms, each with an id', () => {
    const terms = selectAll('dl.kogi-glossary > dt', plain.page(LECTURE))
    expect(terms).toHaveLength(16)
    for (const dt of terms) expect(String(dt.properties.id)).toMatch(/^term-./)
    expect(select('#term-sufficient-statistics', plain.page(LECTURE))).toBeDefined()
  })

  it('wraps Box 1 in an aside with id box-1', () => {
    const box = select('aside#box-1.kogi-box', plain.page(LECTURE))!
    expect(toString(select('h2', box)!)).toBe('Box 1')
  })

  it('resolves every href="#…" on every page, with and without drafts', () => {
    for (const site of [plain, drafts]) {
      const pages = allHtml(site.out)
      expect(pages.length).toBeGreaterThanOrEqual(5)
      for (const file of pages) expect([path.relative(site.out, file), unresolved(fromHtml(fs.readFileSync(file, 'utf8')))]).toEqual([path.relative(site.out, file), []])
    }
  })

  it('never ships commented text without --drafts', () => {
    const html = fs.readFileSync(path.join(plain.out, LECTURE), 'utf8')
    for (const hidden of ['Hierarchies and empirical priors', 'kogi-draft', '下書き']) expect(html).not.toContain(hidden)
  })

  it('with --drafts shows Box 2 and Box 3 as drafts in the TOC, and links "Box 3" in Box 2', () => {
    const tree = drafts.page(LECTURE)
    for (const id of ['box-2', 'box-3']) {
      const box = select(`aside#${id}`, tree)!
      expect(box.properties.className).toContain('kogi-draft')
      const entry = select(`nav.kogi-toc li:has(a[href="#${id}"])`, tree)!
      expect(entry.properties.className).toContain('toc-draft')
    }
    const mention = selectAll('aside#box-2 a.kogi-box-ref', tree).find((a) => a.properties.href === '#box-3')
    expect(mention && toString(mention).replace(/\s+/g, ' ')).toBe('Box 3')
    expect(selectAll('.kogi-draft-banner', tree).map((p) => toString(p))).toContain('下書き — 非公開')
  })

  it('makes a course glossary page linking every term to its lecture', () => {
    const tree = plain.page('2024ai/terms/index.html')
    const links = selectAll('dl.kogi-glossary-index dd a', tree).map((a) => String(a.properties.href))
    expect(links).toHaveLength(16)
    for (const href of links) expect(href).toMatch(/^\/2024ai\/2024ai_lect20\/#term-/)
    const lectureIds = new Set(selectAll('dt[id]', plain.page(LECTURE)).map((e) => String(e.properties.id)))
    for (const href of links) expect(lectureIds.has(decodeURIComponent(href.split('#')[1]!))).toBe(true)
    // The course page links to it.
    expect(select('.kogi-glossary-link a', plain.page('2024ai/index.html'))!.properties.href).toBe('/2024ai/terms/')
  })
})
