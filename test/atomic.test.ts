/**
 * Atomic output: whatever point a build is killed at, the output folder holds a whole site, the
 * previous one or the new one (or kogi puts the previous one back at its next start), and a full
 * disk is one error that leaves the previous site as it was.
 *
 * Each build runs in a child process that kills itself with SIGKILL at a named point
 * (src/output/fault-points.ts), or writes into /dev/full after a given number of files: the
 * same point every time, not whatever moment a timer happens to hit.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanStale, SiteWriter } from '../src/stages/write.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'

const kogi = path.join(projectRoot, 'bin', 'kogi.js')

interface Run {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

/** Run `kogi build` in `dir`, in a child process, with the given fault. */
function build(dir: string, fault: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [kogi, 'build'], { cwd: dir, env: { ...process.env, ...fault }, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('close', (code, signal) => resolve({ code, signal, stderr }))
  })
}

/** A project of a few lectures with a figure, the repo's templates and theme. */
function project(): string {
  const files: Record<string, string> = { 'c/fig.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n' }
  for (let i = 0; i < 4; i++) files[`c/lect${i}.md`] = `# 第${i}回\n\n本文と **強調**、$x^${i}$。\n\n![図](fig.svg)\n`
  const { dir } = tempProject(files)
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
  return dir
}

/** Every file of a site with its bytes, or undefined when there is no site. */
function site(dir: string): Map<string, string> | undefined {
  const out = path.join(dir, '_site')
  if (!fs.existsSync(out)) return undefined
  const files = fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(out, f)).isFile())
  return new Map(files.sort().map((f) => [f, fs.readFileSync(path.join(out, f), 'base64')]))
}

/** What builds left beside the site. */
const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('.kogi-'))

const layout = (dir: string) => path.join(dir, 'templates/layouts/default.liquid')

describe('a build killed at any point', () => {
  it.each([
    // [where it dies, which site the folder holds after it, what lies beside it]
    ['write:3', 'old', /^\._site\.kogi-tmp-/],
    ['aside', 'none', /^\._site\.kogi-(tmp|old)-/],
    ['swapped', 'new', /^\._site\.kogi-old-/],
    ['discarding', 'new', /^\._site\.kogi-del-/],
  ] as const)('at %s leaves a whole site; the next build, even a failing one, keeps it', async (point, left, beside) => {
    const dir = project()
    expect((await build(dir)).code).toBe(0)
    const old = site(dir)!
    fs.writeFileSync(path.join(dir, 'content/c/lect2.md'), '# 変更した回\n')

    const killed = await build(dir, { KOGI_TEST_KILL_AT: point })
    expect([killed.code, killed.signal]).toEqual([null, 'SIGKILL'])
    const after = site(dir)
    expect(leftovers(dir).length).toBeGreaterThan(0)
    expect(leftovers(dir).every((n) => beside.test(n))).toBe(true)

    // The next build fails (a broken layout) after it has cleaned up: the site it leaves is whole.
    const template = fs.readFileSync(layout(dir), 'utf8')
    fs.writeFileSync(layout(dir), '{% if %}')
    const failed = await build(dir)
    expect(failed.code).toBe(1)
    expect(failed.stderr.trimEnd().split('\n').at(-1)).toBe('kogi: the previous site was left as it was')
    expect(leftovers(dir)).toEqual([])
    const kept = site(dir)!

    fs.writeFileSync(layout(dir), template)
    expect((await build(dir)).code).toBe(0)
    const fresh = site(dir)!
    expect(Buffer.from(fresh.get('c/lect2/index.html')!, 'base64').toString()).toContain('変更した回')
    expect(leftovers(dir)).toEqual([])

    if (left === 'none') {
      // Killed between the two renames: no site at its place until the next start puts the old one back.
      expect(after).toBeUndefined()
      expect(kept).toEqual(old)
    } else {
      expect(after).toEqual(left === 'old' ? old : fresh)
      expect(kept).toEqual(after)
    }
  }, 120_000)

  it('keeps the staging folder of a build that is still running', () => {
    const { dir } = tempProject({})
    const out = path.join(dir, '_site')
    const running = new SiteWriter(out)
    const dead = path.join(dir, '._site.kogi-tmp-999999999-x')
    fs.mkdirSync(dead)
    // A second build of the same folder must not remove the first one's stage, only dead ones.
    const removed = cleanStale(out)
    expect(removed).toEqual(['._site.kogi-tmp-999999999-x'])
    expect(fs.existsSync(running.stage)).toBe(true)
    running.abort()
    expect(fs.existsSync(running.stage)).toBe(false)
  })

  it('puts back the newest site a dead build moved aside, and deletes the others', () => {
    const { dir } = tempProject({})
    const out = path.join(dir, '_site')
    const folders = { '._site.kogi-old-999999999-a-0': 'older', '._site.kogi-old-999999999-b-0': 'newer', '._site.kogi-del-999999999-c-0': 'half deleted' }
    for (const [name, text] of Object.entries(folders)) {
      fs.mkdirSync(path.join(dir, name))
      fs.writeFileSync(path.join(dir, name, 'index.html'), text)
    }
    expect(cleanStale(out).sort()).toEqual(['._site.kogi-del-999999999-c-0', '._site.kogi-old-999999999-a-0'])
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe('newer')
    expect(leftovers(dir)).toEqual([])
  })

  it('refuses to write outside the site', () => {
    const { dir } = tempProject({})
    const writer = new SiteWriter(path.join(dir, '_site'))
    expect(() => writer.write('../escape.txt', 'x')).toThrow('refusing to write outside the site: ../escape.txt')
    writer.abort()
  })
})

describe.skipIf(!fs.existsSync('/dev/full'))('a full disk', () => {
  it('is one error naming the output folder, wherever it strikes, and the previous site stays', async () => {
    const dir = project()
    expect((await build(dir)).code).toBe(0)
    const old = site(dir)!
    // Without the record of the last site every file is written again (none is linked), in the
    // build's order: the theme, the pages, the figure, 404.html and the rest, the search index, the mark.
    fs.rmSync(path.join(dir, '.cache'), { recursive: true })
    const theme = [...old.keys()].filter((f) => f.startsWith('_kogi/') && !f.startsWith('_kogi/search/')).length
    const pages = [...old.keys()].filter((f) => f.endsWith('.html') && f !== '404.html').length
    for (const after of [0, theme + 2, theme + pages, theme + pages + 1, old.size - 1]) {
      const full = await build(dir, { KOGI_TEST_DISK_FULL_AFTER: String(after) })
      const lines = full.stderr.trimEnd().split('\n')
      expect({ after, code: full.code, report: lines.filter((l) => !l.startsWith('kogi: ')) }).toEqual({
        after,
        code: 1,
        report: ['content:1:1  error  no space left on the device of _site (ENOSPC): the new site could not be written; free some space and build again  write kogi'],
      })
      expect(lines.at(-1)).toBe('kogi: the previous site was left as it was')
      expect(site(dir)).toEqual(old)
      expect(leftovers(dir)).toEqual([])
    }
  }, 120_000)
})
