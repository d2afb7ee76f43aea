/**
 * Symbolic links and the checks that skip work: the up-to-date check hashes exactly the files
 * the build reads (a change under a folder linked inside is seen, one behind a link leading
 * outside is not, since nothing there is read), a loop of links is a warning and never a crash,
 * the hash of kogi's own sources ends at loops, and the dev server's one-page rebuild never
 * reads a lecture turned into a link leading outside.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { build, type BuildResult, type BuiltSite } from '../src/stages/build.js'
import { hashTree } from '../src/speed/tree-hash.js'
import { IncrementalSite } from '../src/dev/incremental.js'
import { SearchWorker } from '../src/dev/search-worker.js'
import { SECRET, link, linkProject, published, type LinkProject } from './helpers/link-project.js'

function buildCached(p: LinkProject, onWritten?: (site: BuiltSite) => void): Promise<BuildResult> {
  const folders = { contentDir: p.content, outDir: p.out, templatesDir: path.join(p.dir, 'templates'), assetsDir: p.assets }
  return build({ config: loadConfig(p.dir), ...folders, cacheDir: path.join(p.dir, '.cache', 'kogi'), cwd: p.dir, workers: 1, ...(onWritten ? { onWritten } : {}) })
}

/** Every message as [file, ruleId]. */
const rules = (r: BuildResult) => r.files.flatMap((f) => f.messages.map((m) => [m.file, m.ruleId]))

describe('symbolic links and the up-to-date check', () => {
  it('sees a change under a folder linked inside, and none behind a link leading outside', async () => {
    const p = linkProject({ 'content/_parts/sub/b.md': '# B1\n', 'content/_v/one.txt': 'one', 'content/_v/two.txt': 'two' })
    link(p.dir, { 'content/d': '_parts', 'content/out': '../outside', 'content/v.txt': '_v/one.txt' })
    const first = await buildCached(p)
    expect([first.written, first.upToDate, rules(first)]).toEqual([true, undefined, [['content/out', 'symlink-outside']]])
    const page = path.join(p.out, 'd/sub/b/index.html')
    expect(fs.readFileSync(page, 'utf8')).toContain('B1')
    const again = await buildCached(p)
    expect([again.upToDate, rules(again)]).toEqual([true, [['content/out', 'symlink-outside']]])

    fs.writeFileSync(path.join(p.outside, 'secret.txt'), 'changed')
    expect((await buildCached(p)).upToDate).toBe(true)

    fs.writeFileSync(path.join(p.content, '_parts/sub/b.md'), '# B2\n')
    expect((await buildCached(p)).upToDate).toBeUndefined()
    expect(fs.readFileSync(page, 'utf8')).toContain('B2')
    expect((await buildCached(p)).upToDate).toBe(true)

    link(p.dir, { 'content/v.txt': '_v/two.txt' })
    expect((await buildCached(p)).upToDate).toBeUndefined()
    expect(fs.readFileSync(path.join(p.out, 'v.txt'), 'utf8')).toBe('two')

    link(p.dir, { 'content/late': '/etc' })
    const late = await buildCached(p)
    expect([late.upToDate, rules(late)]).toEqual([undefined, [['content/late', 'symlink-outside'], ['content/out', 'symlink-outside']]])
    expect(published(p.out)).toEqual(['404.html', 'c/a/index.html', 'c/index.html', 'd/index.html', 'd/sub/b/index.html', 'index.html', 'robots.txt', 'sitemap.xml', 'v.txt'])
  })

  it('a loop of links is a warning, in the build and in its up-to-date check, never a crash', async () => {
    const p = linkProject()
    link(p.dir, { 'content/loopA': 'loopB', 'content/loopB': 'loopA', 'content/self': 'self', 'content/c/back': '..', 'assets/loop': 'loop' })
    const loops = [['content/c/back', 'symlink-loop'], ['content/loopA', 'symlink-loop'], ['content/loopB', 'symlink-loop'], ['content/self', 'symlink-loop'], ['assets/loop', 'symlink-loop']]
    const first = await buildCached(p)
    expect([first.written, first.errors, rules(first)]).toEqual([true, 0, loops])
    const again = await buildCached(p)
    expect([again.upToDate, again.warnings, rules(again)]).toEqual([true, 5, loops])
  })
})

describe('the hash of a folder read whole (kogi\'s own sources)', () => {
  it('follows links wherever they lead, keeps hidden names, and ends at loops', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-tree-'))
    const files: Record<string, string> = { 'src/a.ts': 'a', 'src/_b.ts': 'b', 'src/sub/c.ts': 'c', 'shared/x.ts': 'x' }
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
      fs.writeFileSync(path.join(dir, rel), text)
    }
    link(dir, { 'src/ext': '../shared', 'src/sub/loop': '..', 'src/self': 'self', 'src/p': 'q', 'src/q': 'p' })
    const hashOf = () => {
      const hash = crypto.createHash('sha256')
      hashTree(hash, path.join(dir, 'src'))
      return hash.digest('hex')
    }
    const before = hashOf()
    expect(hashOf()).toBe(before)
    const seen = []
    for (const rel of ['shared/x.ts', 'src/_b.ts', 'src/sub/c.ts']) {
      fs.appendFileSync(path.join(dir, rel), '!')
      seen.push([rel, hashOf() !== before])
    }
    expect(seen).toEqual([['shared/x.ts', true], ['src/_b.ts', true], ['src/sub/c.ts', true]])
  })
})

describe('the dev server\'s one-page rebuild', () => {
  it('leaves a lecture turned into a link leading outside to the full build, and reads nothing of it', async () => {
    const p = linkProject({ 'content/c/b.md': '# B\n' })
    let site: BuiltSite | undefined
    await buildCached(p, (s) => (site = s))
    const search = new SearchWorker()
    try {
      const incremental = new IncrementalSite(site!, { config: loadConfig(p.dir), contentDir: p.content, outDir: p.out, drafts: false, search, cwd: p.dir })
      fs.writeFileSync(path.join(p.content, 'c/a.md'), '# A2\n')
      const saved = await incremental.update('c/a.md', () => undefined)
      await saved?.rest
      expect([saved?.written, fs.readFileSync(path.join(p.out, 'c/a/index.html'), 'utf8').includes('A2')]).toEqual([true, true])
      link(p.dir, { 'content/c/a.md': '../../outside/notes.md' })
      expect(await incremental.update('c/a.md', () => undefined)).toBeUndefined()
      await incremental.idle()
      expect(fs.readFileSync(path.join(p.out, 'c/a/index.html'), 'utf8')).not.toContain(SECRET)
    } finally {
      await search.close()
    }
  })
})
