/**
 * The search index is kept in the cache folder: a build whose pages are unchanged reuses it
 * (no index building at all) and writes the same files; a changed page builds it anew; a damaged
 * cache file is ignored.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { build } from '../../src/pipeline/index.js'
import { resolveConfig } from '../../src/config.js'
import * as search from '../../src/pipeline/search.js'
import { forgetLastBuild, tempProject } from '../helpers/build.js'
import { projectRoot } from '../helpers/shared.js'

vi.mock('../../src/pipeline/search.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/pipeline/search.js')>()
  return { ...actual, searchFiles: vi.fn(actual.searchFiles) }
})

function siteFiles(out: string): Record<string, string> {
  const dir = path.join(out, '_kogi', 'search')
  return Object.fromEntries(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]))
}

describe('search index cache', () => {
  it('reuses the index of unchanged pages, and rebuilds it after a change or damage', async () => {
    const { dir, content, out } = tempProject({ 'c/a.md': '# 微分\n\n勾配降下法の説明。\n', 'c/b.md': '# 積分\n\n面積の話。\n' })
    const cacheDir = path.join(dir, '.cache', 'kogi')
    // The whole pipeline each time, not the shortcut of a build with nothing changed.
    const run = () => (forgetLastBuild(cacheDir), build({ config: resolveConfig({}, 'test', {}), contentDir: content, outDir: out, templatesDir: path.join(projectRoot, 'templates'), assetsDir: path.join(projectRoot, 'assets'), cacheDir, cwd: dir }))
    const built = vi.mocked(search.searchFiles)
    built.mockClear()

    await run()
    expect(built).toHaveBeenCalledTimes(1)
    const first = siteFiles(out)
    await run()
    expect(built).toHaveBeenCalledTimes(1)
    expect(siteFiles(out)).toEqual(first)

    fs.appendFileSync(path.join(content, 'c', 'b.md'), '\n体積も。\n')
    await run()
    expect(built).toHaveBeenCalledTimes(2)
    expect(JSON.stringify(siteFiles(out))).toContain('体積も。')

    const file = path.join(cacheDir, 'search', 'index.bin')
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100))
    await run()
    expect(built).toHaveBeenCalledTimes(3)
    expect(JSON.stringify(siteFiles(out))).toContain('体積も。')
  })
})
