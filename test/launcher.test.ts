/**
 * The launcher behind `npm run build` (bin/kogi.js): it runs kogi's sources compiled to
 * JavaScript, recompiles when a source changes, and a whole build through it works and reports
 * every line even when stderr is a pipe.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { compiled } from '../bin/compile.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'

const run = promisify(execFile)

describe('compiled sources', () => {
  it('compiles once, and again only after a source changes', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-launcher-'))
    fs.mkdirSync(path.join(root, 'src', 'lib'), { recursive: true })
    fs.writeFileSync(path.join(root, 'src', 'lib', 'value.ts'), 'export const value: number = 1\n')
    fs.writeFileSync(path.join(root, 'src', 'main.ts'), "import { value } from './lib/value.js'\nexport const doubled: number = value * 2\n")
    fs.writeFileSync(path.join(root, 'src', 'data.js'), 'export const plain = "kept as written"\n')

    const url = await compiled('main.ts', root)
    expect(url).toBe(`file://${path.join(root, 'dist', 'main.js')}`)
    expect((await import(url)).doubled).toBe(2)
    expect(fs.readFileSync(path.join(root, 'dist', 'data.js'), 'utf8')).toBe('export const plain = "kept as written"\n')
    const stamp = path.join(root, 'dist', '.stamp')
    const first = fs.statSync(stamp).mtimeMs

    await compiled('main.ts', root)
    expect(fs.statSync(stamp).mtimeMs).toBe(first)

    fs.writeFileSync(path.join(root, 'src', 'lib', 'value.ts'), 'export const value: number = 21\n')
    await compiled('main.ts', root)
    // A fresh URL, since the module of the first import stays cached in this process.
    expect((await import(`${url.replace(/main\.js$/, 'lib/value.js')}?again`)).value).toBe(21)
    expect(fs.readdirSync(root).sort()).toEqual(['dist', 'src'])
    fs.rmSync(root, { recursive: true, force: true })
  })
})

describe('bin/kogi.js', () => {
  it('builds a site and prints the whole report through a pipe', async () => {
    // Thousands of warnings: a report far larger than a pipe's buffer.
    const many = Array.from({ length: 3000 }, (_, i) => `![](missing-${i}.png)`).join('\n\n')
    const { dir } = tempProject({ 'c/a.md': `# a\n\n$\\nope$\n\n${many}\n` })
    fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
    fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
    // A reader slower than the build, as `kogi build --verbose 2>&1 | less` is: the whole list must not be cut.
    const command = `"${process.execPath}" "${path.join(projectRoot, 'bin', 'kogi.js')}" build --verbose --root "${dir}" 2>&1 | (sleep 4; cat)`
    await run('sh', ['-c', command], { cwd: dir, maxBuffer: 1 << 26 })
    // Twice: the second build finds nothing changed, repeats the report and ends soon after it.
    const { stdout } = await run('sh', ['-c', command], { cwd: dir, maxBuffer: 1 << 26 })
    const lines = stdout.trimEnd().split('\n')
    expect(lines.filter((l) => l.includes('missing-'))).toHaveLength(3000)
    expect(lines.find((l) => l.startsWith('content/c/'))).toMatch(/^content\/c\/a\.md:3:1 {2}warning {2}Undefined control sequence: \\nope/)
    expect(lines.find((l) => l.startsWith('kogi: 3 pages'))).toMatch(/^kogi: 3 pages, \d+ warnings, 0 errors in \d+\.\d\ds → _site \(nothing changed since the last build; the site is up to date\)$/)
    expect(fs.readFileSync(path.join(dir, '_site', 'c', 'a', 'index.html'), 'utf8')).toMatch(/<annotation encoding="application\/x-tex">\\nope<\/annotation>/)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
