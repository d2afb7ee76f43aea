/**
 * The packed package: `npm pack` ships compiled code, the templates and the theme, and the
 * `kogi` command runs from node_modules in another project without writing inside it. The
 * dependencies come from this checkout's node_modules, linked by name from the packed
 * package.json's `dependencies` only, so a module kogi needs but does not declare is missing
 * here as it would be in a real install. (`npm run check:package` does the real `npm install`.)
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { projectRoot } from './helpers/shared.js'

const run = promisify(execFile)

/** Every file under a folder, relative, with its size and mtime: what "nothing written" compares. */
function listing(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((rel) => {
      const st = fs.statSync(path.join(dir, rel))
      return `${rel} ${st.isFile() ? st.size : 'dir'} ${st.mtimeMs}`
    })
}

describe('npm pack', () => {
  it('installs into another project, whose `kogi build` writes the site and nothing in node_modules', { timeout: 180_000 }, async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-pack-'))
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: projectRoot, maxBuffer: 1 << 26 })
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[]
    const shipped = packed!.files.map((f) => f.path)
    expect(shipped).toContain('dist/cli.js')
    expect(shipped).toContain('dist/search/engine.js')
    expect(shipped).toContain('templates/layouts/default.liquid')
    expect(shipped).toContain('assets/kogi/kogi.css')
    expect(shipped.filter((f) => /^(src|test|content|scripts)\//.test(f) || f === 'kogi.config.json')).toEqual([])

    const project = path.join(tmp, 'course')
    const kogi = path.join(project, 'node_modules', 'kogi')
    fs.mkdirSync(kogi, { recursive: true })
    await run('tar', ['xzf', path.join(tmp, packed!.filename), '-C', kogi, '--strip-components=1'])
    const manifest = JSON.parse(fs.readFileSync(path.join(kogi, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> }
    for (const dep of Object.keys(manifest.dependencies)) {
      const link = path.join(project, 'node_modules', dep)
      fs.mkdirSync(path.dirname(link), { recursive: true })
      fs.symlinkSync(path.join(projectRoot, 'node_modules', dep), link)
    }
    fs.mkdirSync(path.join(project, 'node_modules', '.bin'))
    const bin = path.join(project, 'node_modules', '.bin', 'kogi')
    fs.symlinkSync(path.join('..', 'kogi', manifest.bin.kogi!), bin)
    fs.mkdirSync(path.join(project, 'content', 'c'), { recursive: true })
    fs.writeFileSync(path.join(project, 'content', 'c', '01.md'), '# 行列\n\n$x^2$\n')
    const before = listing(kogi)

    const built = await run(bin, ['build'], { cwd: project })
    expect(built.stderr).toMatch(/^kogi: 3 pages, 0 warnings, 0 errors in \d+\.\d\ds → _site\n$/)
    const page = fs.readFileSync(path.join(project, '_site', 'c', '01', 'index.html'), 'utf8')
    expect(page.match(/<h1[ >]/g)).toHaveLength(1)
    expect(page).toContain('<title>行列')
    expect(page).toContain('class="katex"')
    expect(fs.readdirSync(path.join(project, '_site', '_kogi')).filter((f) => /^kogi\.[0-9a-f]{10}\.css$/.test(f))).toHaveLength(1)
    expect(listing(kogi)).toEqual(before)
    fs.rmSync(tmp, { recursive: true, force: true })
  })
})
