/**
 * One bad lecture never keeps the others from students: the pages without errors are written,
 * a page with an error keeps its last good version (or is left out when it has none), and the
 * build still fails with each error at its place.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { tempProject } from './helpers/build.js'
import { captureStderr } from './helpers/stderr.js'
import { projectRoot } from './helpers/shared.js'

const stderr = captureStderr()

/** A course of three lectures and its own index page, with the repo's templates and theme. */
function project(): { dir: string; write: (rel: string, text: string) => void; page: (rel: string) => string | undefined } {
  const { dir } = tempProject({ 'c/index.md': '# 講義一覧\n', 'c/l1.md': '# 第1回\n', 'c/l2.md': '# 第2回\n', 'c/l3.md': '# 第3回\n' })
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
  return {
    dir,
    write: (rel, text) => fs.writeFileSync(path.join(dir, 'content', rel), text),
    page: (rel) => (fs.existsSync(path.join(dir, '_site', rel)) ? fs.readFileSync(path.join(dir, '_site', rel), 'utf8') : undefined),
  }
}

/** Run `kogi build`; its exit code and report lines. */
async function build(dir: string): Promise<{ code: number; lines: string[] }> {
  stderr.clear()
  const code = await main(['build', '--root', dir])
  return { code, lines: stderr.text.trimEnd().split('\n') }
}

describe('a build with errors in some pages', () => {
  it('writes the others, and each broken page keeps its last good version', async () => {
    const p = project()
    expect((await build(p.dir)).code).toBe(0)
    const before = { l2: p.page('c/l2/index.html'), l3: p.page('c/l3/index.html'), index: p.page('c/index.html') }

    p.write('c/l1.md', '# 第1回（改訂）\n')
    p.write('c/l2.md', '---\ntitle: [\n---\n# 第2回\n')
    p.write('c/l3.md', '---\nlayout: nosuch\n---\n# 第3回\n')
    p.write('c/index.md', '---\ntitle: "\n---\n')
    p.write('c/l4.md', '---\nlayout: nosuch\n---\n# 第4回\n')
    const r = await build(p.dir)
    expect(r.code).toBe(1)
    expect(r.lines.filter((l) => l.includes('  error  '))).toEqual([
      'content/c/index.md:2:8  error  invalid YAML front matter: this double quote is never closed  front-matter kogi',
      'content/c/l2.md:2:9  error  invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ]  front-matter kogi',
      'content/c/l3.md:2:1  error  unknown layout "nosuch"; layouts in templates/layouts: default, home, page  layout kogi',
      'content/c/l4.md:2:1  error  unknown layout "nosuch"; layouts in templates/layouts: default, home, page  layout kogi',
    ].map((l) => l.replace(/^content/, path.relative(process.cwd(), path.join(p.dir, 'content')))))
    expect(r.lines.at(-1)).toBe('kogi: the pages without errors were written; of those with errors, 3 keep their last good version, 1 is left out')

    expect(p.page('c/l1/index.html')).toContain('第1回（改訂）')
    // Byte for byte what the last good build wrote, the course page too (not kogi's stand-in).
    expect({ l2: p.page('c/l2/index.html'), l3: p.page('c/l3/index.html'), index: p.page('c/index.html') }).toEqual(before)
    expect(p.page('c/l4/index.html')).toBeUndefined()
  })

  it('makes a fixed page afresh at the next build', async () => {
    const p = project()
    expect((await build(p.dir)).code).toBe(0)
    p.write('c/l2.md', '---\nlayout: nosuch\n---\n# 第2回\n')
    expect((await build(p.dir)).code).toBe(1)
    p.write('c/l2.md', '# 第2回（直した）\n')
    const fixed = await build(p.dir)
    expect(fixed.code).toBe(0)
    expect(fixed.lines).toHaveLength(1)
    expect(p.page('c/l2/index.html')).toContain('第2回（直した）')
  })

  it("shows kogi's own course page when a broken index page has no earlier version", async () => {
    const p = project()
    p.write('c/index.md', '---\ntitle: [\n---\n')
    const r = await build(p.dir)
    expect(r.code).toBe(1)
    expect(r.lines.at(-1)).toBe("kogi: the pages without errors were written; of those with errors, 1 shows kogi's own page instead")
    expect(p.page('c/index.html')).toContain('第1回')
  })
})
