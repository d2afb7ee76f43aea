/**
 * The search index is kept in the cache folder: a build whose pages are unchanged reuses it
 * (the cache file is only read, and the site gets the same files); a changed page builds it anew;
 * a damaged cache file is ignored and written again. The index is made on a thread of its own
 * (src/speed/search-thread.ts), so what the tests watch is the cache file itself.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/stages/build.js'
import { resolveConfig } from '../../src/config.js'
import { forgetLastBuild, tempProject } from '../helpers/build.js'
import { projectRoot } from '../helpers/shared.js'

function siteFiles(out: string): Record<string, string> {
  const dir = path.join(out, '_kogi', 'search')
  return Object.fromEntries(fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]))
}

describe('search index cache', () => {
  it('reuses the index of unchanged pages, and rebuilds it after a change or damage', async () => {
    const { dir, content, out } = tempProject({ 'c/a.md': '# 微分\n\n勾配降下法の説明。\n', 'c/b.md': '# 積分\n\n面積の話。\n' })
    const cacheDir = path.join(dir, '.cache', 'kogi')
    const file = path.join(cacheDir, 'search', 'index.bin')
    // The whole pipeline each time, not the shortcut of a build with nothing changed.
    const run = () => (forgetLastBuild(cacheDir), build({ config: resolveConfig({}, 'test', {}), contentDir: content, outDir: out, templatesDir: path.join(projectRoot, 'templates'), assetsDir: path.join(projectRoot, 'assets'), cacheDir, cwd: dir }))
    /** The cache file's identity: a new one is written (through a rename) whenever the index is made. */
    const written = () => `${fs.statSync(file).ino} ${fs.statSync(file).mtimeMs}`

    await run()
    const made = written()
    const first = siteFiles(out)
    await run()
    expect(written()).toBe(made)
    expect(siteFiles(out)).toEqual(first)

    fs.appendFileSync(path.join(content, 'c', 'b.md'), '\n体積も。\n')
    await run()
    const remade = written()
    expect(remade).not.toBe(made)
    expect(JSON.stringify(siteFiles(out))).toContain('体積も。')

    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 100))
    await run()
    expect(fs.statSync(file).size).toBeGreaterThan(100)
    expect(JSON.stringify(siteFiles(out))).toContain('体積も。')
    const repaired = written()
    expect(repaired).not.toBe(remade)
    await run()
    expect(written()).toBe(repaired)
  })
})
