/**
 * The page cache and worker threads change how fast a site is built, never what is built:
 * a warm build, a build on threads and a build in one thread give the same bytes; a damaged
 * cache is ignored; a changed config or template shows.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { resolveConfig, type Config } from '../src/config.js'
import { build, type BuildResult } from '../src/stages/build.js'
import { formatReport } from '../src/stages/report.js'
import { Layouts } from '../src/stages/layout.js'
import { projectRoot } from './helpers/shared.js'
import { forgetLastBuild, tempProject } from './helpers/build.js'

/** Fourteen lectures (enough for threads) with macros, links and one KaTeX error. */
function lectures(): Record<string, string> {
  const files: Record<string, string> = { 'index.md': '# Home\n' }
  for (let i = 1; i <= 14; i++) {
    files[`c/lect${i}.md`] = `---\ntitle: 第${i}回\n---\n\n$$\n\\newcommand{\\v}[1]{\\mathbf{#1}}\n$$\n\n## 節 ${i}\n\n式 $\\v{x}_${i}$ と $$\\sum_{k=1}^{${i}} k$$ と [前へ](./lect${i > 1 ? i - 1 : 1}.md)。\n\n<!-- 下書き $\\v{y}$ -->\n`
  }
  files['c/lect3.md'] += '\n壊れた式 $\\frac{1}{$ です。\n'
  return files
}

function allFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const abs = path.join(d, e.name)
      if (e.isDirectory()) walk(abs)
      else out.set(path.relative(dir, abs), fs.readFileSync(abs, 'latin1'))
    }
  }
  walk(dir)
  return out
}

function project() {
  const p = tempProject(lectures())
  const templates = path.join(p.dir, 'templates')
  fs.cpSync(path.join(projectRoot, 'templates'), templates, { recursive: true })
  const cacheDir = path.join(p.dir, '.cache', 'kogi')
  // Every build runs the whole pipeline, as after an edit: these tests are about what it takes from the caches.
  const run = (options: { config?: Partial<Config>; workers?: number; cache?: boolean; out?: string } = {}): Promise<BuildResult> => {
    forgetLastBuild(cacheDir)
    return build({
      config: resolveConfig({}, 'test', options.config ?? {}),
      contentDir: p.content,
      outDir: options.out ?? p.out,
      templatesDir: templates,
      assetsDir: path.join(projectRoot, 'assets'),
      cwd: p.dir,
      workers: options.workers ?? 1,
      ...(options.cache === false ? {} : { cacheDir }),
    })
  }
  const entries = () => fs.readdirSync(path.join(cacheDir, 'pages')).flatMap((d) => fs.readdirSync(path.join(cacheDir, 'pages', d)).map((f) => path.join(cacheDir, 'pages', d, f)))
  return { ...p, templates, cacheDir, run, entries }
}

describe('page cache', () => {
  it('a warm build takes every page from the cache and writes the same bytes and messages', async () => {
    const p = project()
    const cold = await p.run()
    expect(cold.errors).toBe(0)
    expect(cold.cached).toBe(0)
    const before = allFiles(p.out)
    const warm = await p.run()
    expect(warm.cached).toBe(warm.pages)
    expect(allFiles(p.out)).toEqual(before)
    expect(formatReport(warm.files)).toBe(formatReport(cold.files))
    expect(formatReport(warm.files)).toMatch(/lect3\.md:\d+:\d+ +warning .* katex kogi/)
    expect(warm.formulas).toBe(cold.formulas)
  })

  it('re-renders only the edited page, and an edit inside a comment costs nothing', async () => {
    const p = project()
    await p.run()
    const file = path.join(p.content, 'c/lect5.md')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('下書き', '下ガキ'))
    const comment = await p.run()
    expect(comment.cached).toBe(comment.pages)
    fs.appendFileSync(file, '\n追記 $\\v{z}$\n')
    const edited = await p.run()
    expect(edited.cached).toBe(edited.pages - 1)
    expect(fs.readFileSync(path.join(p.out, 'c/lect5/index.html'), 'utf8')).toContain('追記')
  })

  it('ignores truncated and corrupt cache files and renders those pages again', async () => {
    const p = project()
    await p.run()
    const before = allFiles(p.out)
    const [first, second, third] = p.entries()
    fs.writeFileSync(first!, fs.readFileSync(first!).subarray(0, 100))
    const bytes = fs.readFileSync(second!)
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff
    fs.writeFileSync(second!, bytes)
    fs.writeFileSync(third!, '')
    const again = await p.run()
    expect(again.errors).toBe(0)
    expect(again.cached).toBe(again.pages - 3)
    expect(allFiles(p.out)).toEqual(before)
  })

  it('a changed config renders every page again; a changed template shows on a warm build', async () => {
    const p = project()
    await p.run()
    const other = await p.run({ config: { macros: { '\\R': '\\mathbb{R}' } } })
    expect(other.cached).toBe(0)
    const layout = path.join(p.templates, 'layouts', 'default.liquid')
    fs.writeFileSync(layout, fs.readFileSync(layout, 'utf8').replace('</body>', '<p>template-changed</p></body>'))
    const warm = await p.run({ config: { macros: { '\\R': '\\mathbb{R}' } } })
    expect(warm.cached).toBe(warm.pages)
    expect(fs.readFileSync(path.join(p.out, 'c/lect2/index.html'), 'utf8')).toContain('template-changed')
  })

  it('a new page renders the pages whose links may now resolve to it', async () => {
    const p = project()
    await p.run()
    fs.writeFileSync(path.join(p.content, 'c/new.md'), '# 新\n')
    const next = await p.run()
    expect(next.cached).toBe(0)
  })
})

describe('worker threads', () => {
  it('give the same site and messages as one thread', async () => {
    const p = project()
    const one = await p.run({ cache: false, workers: 1 })
    const single = allFiles(p.out)
    const two = await p.run({ cache: false, workers: 2, out: path.join(p.dir, 'out2') })
    expect(two.errors).toBe(0)
    expect(allFiles(path.join(p.dir, 'out2'))).toEqual(single)
    expect(formatReport(two.files).replaceAll('out2', '_site')).toBe(formatReport(one.files))
  })
})

describe('output reuse', () => {
  const ino = (p: { out: string }, rel: string) => fs.statSync(path.join(p.out, rel)).ino

  it('a warm build links the unchanged files of the current site and writes only what changed', async () => {
    const p = project()
    await p.run()
    const before = allFiles(p.out)
    const inodes = new Map([...before.keys()].map((rel) => [rel, ino(p, rel)]))
    await p.run()
    expect(allFiles(p.out)).toEqual(before)
    for (const [rel, n] of inodes) expect([rel, ino(p, rel)]).toEqual([rel, n])
    // The old site is gone: each file has one name again.
    expect(fs.statSync(path.join(p.out, 'c/lect10/index.html')).nlink).toBe(1)

    const file = path.join(p.content, 'c/lect5.md')
    fs.appendFileSync(file, '\n追記 $\\v{z}$\n')
    await p.run()
    expect(ino(p, 'c/lect5/index.html')).not.toBe(inodes.get('c/lect5/index.html'))
    expect(fs.readFileSync(path.join(p.out, 'c/lect5/index.html'), 'utf8')).toContain('追記')
    expect(ino(p, 'c/lect10/index.html')).toBe(inodes.get('c/lect10/index.html'))
    // The search index moved to folders named for its new content; files whose bytes did not
    // change (the other lectures' sections) are linked from their old paths all the same.
    const after = allFiles(p.out)
    const moved = [...after].filter(([rel, bytes]) => rel.startsWith('_kogi/search/') && !before.has(rel) && [...before].some(([old, b]) => b === bytes && old.startsWith('_kogi/search/')))
    expect(moved.length).toBeGreaterThan(10)
    for (const [rel, bytes] of moved) {
      const olds = [...before].filter(([o, b]) => b === bytes && o.startsWith('_kogi/search/')).map(([o]) => inodes.get(o))
      expect(olds).toContain(ino(p, rel))
    }
  })

  it('a title change reaches the neighbours; a file changed in the site by hand is written anew', async () => {
    const p = project()
    await p.run()
    const built = fs.readFileSync(path.join(p.out, 'c/lect2/index.html'), 'utf8')
    fs.appendFileSync(path.join(p.out, 'c/lect2/index.html'), '<!-- edited -->')
    const file = path.join(p.content, 'c/lect5.md')
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: 第5回', 'title: 第五回'))
    await p.run()
    expect(fs.readFileSync(path.join(p.out, 'c/lect2/index.html'), 'utf8')).toBe(built.replaceAll('第5回', '第五回'))
    expect(fs.readFileSync(path.join(p.out, 'c/lect4/index.html'), 'utf8')).toContain('第五回')
    expect(fs.readFileSync(path.join(p.out, 'c/lect6/index.html'), 'utf8')).toContain('第五回')
  })

  it('pages of a template that reads the clock are laid out on every build', async () => {
    const p = project()
    const render = vi.spyOn(Layouts.prototype, 'render')
    const laidOut = async () => {
      render.mockClear()
      await p.run()
      return render.mock.calls.filter(([, data]) => (data.page as { kind?: string }).kind === 'lecture').length
    }
    await laidOut()
    expect(await laidOut()).toBe(0)
    const layout = path.join(p.templates, 'layouts', 'default.liquid')
    fs.writeFileSync(layout, fs.readFileSync(layout, 'utf8').replace('</body>', '<p>{{ "now" | date: "%Y" }}</p></body>'))
    await laidOut()
    expect(await laidOut()).toBe(14)
    render.mockRestore()
  })
})
