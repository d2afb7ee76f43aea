/**
 * A build with nothing to do (src/speed/up-to-date.ts): when no input changed and the site is
 * as the last build left it, `kogi build` repeats that build's report and writes nothing; any
 * changed byte of a lecture, template, asset or config, or any file changed, added or removed in
 * the site, runs the whole build again.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { tempProject } from './helpers/build.js'
import { captureStderr } from './helpers/stderr.js'
import { projectRoot } from './helpers/shared.js'

const stderr = captureStderr()

const UP_TO_DATE = '(nothing changed since the last build; the site is up to date)'

function project(): { dir: string; site: string; lecture: string } {
  const { dir } = tempProject({
    'c/a.md': '---\ntitle: 第1回\n---\n\n本文 $x^2$ と ![図](missing.png)\n',
    'c/b.md': '# 第2回\n\n本文。\n',
  })
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
  return { dir, site: path.join(dir, '_site'), lecture: path.join(dir, 'content/c/a.md') }
}

/** Run `kogi build` and return its report, the summary line apart. */
async function build(dir: string): Promise<{ code: number; report: string; summary: string }> {
  stderr.clear()
  const code = await main(['build', '--root', dir])
  const lines = stderr.text.trimEnd().split('\n')
  return { code, summary: lines.at(-1)!, report: lines.slice(0, -1).join('\n') }
}

/** Each file of the site with its inode and modification time. */
function snapshot(site: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const rel of fs.readdirSync(site, { recursive: true, encoding: 'utf8' }).sort()) {
    const stat = fs.statSync(path.join(site, rel))
    if (stat.isFile()) out.set(rel, `${stat.ino} ${stat.mtimeMs}`)
  }
  return out
}

describe('a build with nothing to do', () => {
  it('repeats the last report and leaves every file of the site as it was', async () => {
    const p = project()
    const first = await build(p.dir)
    expect(first.report).toMatch(/content\/c\/a\.md:5:12 {2}warning {2}missing image/)
    const before = snapshot(p.site)
    const second = await build(p.dir)
    expect(second.summary).toContain(UP_TO_DATE)
    expect(second.summary.replace(/ in \d+\.\d\ds/, '').replace(` ${UP_TO_DATE}`, '')).toBe(first.summary.replace(/ in \d+\.\d\ds/, ''))
    expect(second.report).toBe(first.report)
    expect(second.code).toBe(first.code)
    expect(snapshot(p.site)).toEqual(before)
    expect(await main(['build', '--root', p.dir, '--strict'])).toBe(1)
  })

  it('builds again after a changed byte in a lecture, a template, an asset or the config', async () => {
    const p = project()
    await build(p.dir)
    const changes: [string, () => void, (html: string) => void][] = [
      ['lecture', () => fs.appendFileSync(p.lecture, '\n追記\n'), (html) => expect(html).toContain('追記')],
      ['template', () => fs.appendFileSync(path.join(p.dir, 'templates/includes/footer.liquid'), '<p>footer-changed</p>'), (html) => expect(html).toContain('footer-changed')],
      ['asset', () => fs.writeFileSync(path.join(p.dir, 'assets/extra.txt'), 'x'), () => expect(fs.existsSync(path.join(p.site, 'assets/extra.txt'))).toBe(true)],
      ['config', () => fs.writeFileSync(path.join(p.dir, 'kogi.config.json'), JSON.stringify({ title: '別の題' })), (html) => expect(html).toContain('別の題')],
    ]
    for (const [what, change, check] of changes) {
      change()
      const again = await build(p.dir)
      expect([what, again.summary]).not.toEqual([what, expect.stringContaining(UP_TO_DATE)])
      check(fs.readFileSync(path.join(p.site, 'c/a/index.html'), 'utf8'))
      expect((await build(p.dir)).summary).toContain(UP_TO_DATE)
    }
  })

  it('builds again when a file of the site was changed, removed or added', async () => {
    const p = project()
    await build(p.dir)
    const page = path.join(p.site, 'c/a/index.html')
    const built = fs.readFileSync(page, 'utf8')
    fs.appendFileSync(page, '<!-- edited -->')
    expect((await build(p.dir)).summary).not.toContain(UP_TO_DATE)
    expect(fs.readFileSync(page, 'utf8')).toBe(built)
    fs.rmSync(page)
    expect((await build(p.dir)).summary).not.toContain(UP_TO_DATE)
    expect(fs.readFileSync(page, 'utf8')).toBe(built)
    fs.writeFileSync(path.join(p.site, 'stray.html'), 'x')
    expect((await build(p.dir)).summary).not.toContain(UP_TO_DATE)
    expect(fs.existsSync(path.join(p.site, 'stray.html'))).toBe(false)
  })

  it('builds in full, and right, when its records in the cache folder are damaged', async () => {
    const p = project()
    const first = await build(p.dir)
    const built = fs.readFileSync(path.join(p.site, 'c/a/index.html'), 'utf8')
    const cache = path.join(p.dir, '.cache', 'kogi')
    const records = [path.join(cache, 'last-build.bin'), ...fs.readdirSync(path.join(cache, 'output')).map((f) => path.join(cache, 'output', f))]
    expect(records.length).toBeGreaterThan(1)
    for (const file of records) {
      const bytes = fs.readFileSync(file)
      bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0xff
      fs.writeFileSync(file, bytes)
    }
    const again = await build(p.dir)
    expect(again.summary).not.toContain(UP_TO_DATE)
    expect(again.report).toBe(first.report)
    expect(fs.readFileSync(path.join(p.site, 'c/a/index.html'), 'utf8')).toBe(built)
    expect((await build(p.dir)).summary).toContain(UP_TO_DATE)
  })

  it('after a failed build wrote the other pages, a revert builds again, and then is up to date', async () => {
    const p = project()
    const good = await build(p.dir)
    const text = fs.readFileSync(p.lecture, 'utf8')
    fs.writeFileSync(p.lecture, '---\ntitle: [\n---\n')
    expect((await build(p.dir)).code).toBe(1)
    fs.writeFileSync(p.lecture, text)
    // The failed build's site lists the lectures without the broken one: not the good build's site.
    const again = await build(p.dir)
    expect(again.summary).not.toContain(UP_TO_DATE)
    expect(again.report).toBe(good.report)
    expect((await build(p.dir)).summary).toContain(UP_TO_DATE)
  })
})
