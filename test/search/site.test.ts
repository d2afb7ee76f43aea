/**
 * The index of a built site: the seed lecture's queries of test/search/queries.json find their
 * sections, result URLs carry the base, formulas' TeX is not searchable, and glossary terms
 * outrank passing mentions.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { search, shardOf, terms } from '../../src/search/engine.js'
import { SEARCH_DIR } from '../../src/site/search.js'
import { buildFiles, type TestBuild } from '../helpers/build.js'
import { projectRoot } from '../helpers/shared.js'

interface Query {
  readonly q: string
  readonly page: string
  readonly section: string
  readonly site?: string
}

const seed = fs.readFileSync(path.join(projectRoot, 'content/2024ai/2024ai_lect20.md'), 'utf8')
const queries = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'test/search/queries.json'), 'utf8')) as Query[]).filter((q) => q.site === 'seed')

let site: TestBuild
const loaded: string[] = []
const load = async (name: string) => {
  loaded.push(name)
  return JSON.parse(fs.readFileSync(path.join(site.out, SEARCH_DIR, name), 'utf8')) as unknown
}

beforeAll(async () => {
  site = await buildFiles(
    {
      '2024ai/2024ai_lect20.md': seed,
      '2024ai/other.md': '---\ntitle: 別の回\n---\n\n## 雑談\n\n今日はエントロピーという言葉を一度だけ使う。\n\n## 数式\n\n$\\mathbf{W}_{\\mathrm{secretmacro}}$ の後の文章。\n',
    },
    { base: '/kogi/' },
  )
  expect(site.result.errors).toBe(0)
}, 60_000)

describe('search index of the seed site', () => {
  it.each(queries.map((q) => [q.q, q] as const))('%s finds its section', async (_, query) => {
    const results = await search(query.q, load, 5)
    const rank = results.findIndex((r) => r.url.startsWith('/kogi' + query.page) && r.heading === query.section)
    expect(rank, JSON.stringify(results.map((r) => [r.url, r.heading]))).toBeGreaterThanOrEqual(0)
  })

  it('links results to the section anchor under the base', async () => {
    const [first] = await search('位置符号化', load, 5)
    expect(first!.url).toMatch(/^\/kogi\/2024ai\/2024ai_lect20\/#.+/)
    expect(first!.heading).toContain('位置符号化')
  })

  it('does not index the TeX of formulas, but does index the prose around them', async () => {
    expect(await search('secretmacro', load)).toEqual([])
    expect(await search('mathbf', load)).toEqual([])
    const [after] = await search('後の文章', load)
    expect(after!.heading).toBe('数式')
  })

  it('ranks the glossary entry above a passing mention', async () => {
    const results = await search('エントロピー', load)
    expect(results[0]!.heading).toBe('用語集')
    expect(results.some((r) => r.heading === '雑談')).toBe(true)
  })

  it('downloads only the shards a query needs', async () => {
    loaded.length = 0
    await search('マスク化言語モデル', load)
    const manifest = JSON.parse(site.read(`${SEARCH_DIR}/index.json`)) as { s: string; shards: number }
    const needed = new Set(terms('マスク化言語モデル').map((t) => `${manifest.s}/${shardOf(t, manifest.shards)}.json`))
    expect(new Set(loaded.filter((n) => n.startsWith(manifest.s + '/')))).toEqual(needed)
  })
})
