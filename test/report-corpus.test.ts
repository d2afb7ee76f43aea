/**
 * Acceptance on the instructor's real lectures (../shared/corpus): a plain build prints at most
 * 60 lines naming every kind of problem with its count, errors first, then in the report's
 * order; `--verbose` lists every problem at path:line, as many of each kind as the plain report
 * counted. Both builds run as `kogi build` in a child process, so the long build does not block
 * the test runner. Skips with a notice when the corpus is absent.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { corpusDir, projectRoot } from './helpers/shared.js'
import { project } from './helpers/cli-project.js'
import { ruleOrder } from '../src/report/rules.js'

const corpus = corpusDir()

/** Run `kogi build` on the corpus in `root`; its stderr, lines apart, and exit code. */
function build(root: string, ...flags: string[]): Promise<{ code: number; lines: string[] }> {
  const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx')
  const args = [path.join(projectRoot, 'src', 'cli.ts'), 'build', '--root', root, '--content', corpus!, ...flags]
  return new Promise((resolve) => {
    execFile(tsx, args, { cwd: root, maxBuffer: 1 << 26 }, (error, _stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, lines: stderr.trimEnd().split('\n') })
    })
  })
}

const KIND = /^ +(\d+) {2}(\S+(?: \S+)*) {2,}([a-z][a-z0-9-]*) {2,}(\S.*)$/
const VERBOSE = /^(.+?):(\d+):(\d+) {2}(warning|error) {2}.* {2}([a-z][a-z0-9-]*) kogi$/

describe.skipIf(!corpus)('the report on the instructor corpus', () => {
  it('fits in 60 lines naming every kind with its count; --verbose lists every problem at its line', async () => {
    const root = project({})
    fs.copyFileSync(path.join(projectRoot, 'kogi.config.json'), path.join(root, 'kogi.config.json'))
    const plain = await build(root)
    expect(plain.code).toBe(0)
    expect(plain.lines.length).toBeLessThanOrEqual(60)
    // The second build is up to date: the same problems, each on its line.
    const verbose = await build(root, '--verbose')
    expect(verbose.code).toBe(0)

    const counted: string[] = []
    let section = ''
    for (const line of plain.lines) {
      if (line === 'errors' || line === 'warnings') section = line.slice(0, -1)
      const kind = KIND.exec(line)
      if (kind) counted.push(`${section} ${kind[3]} ${kind[1]}`)
    }
    const listed = new Map<string, number>()
    for (const line of verbose.lines) {
      const m = VERBOSE.exec(line)
      if (m) listed.set(`${m[4]} ${m[5]}`, (listed.get(`${m[4]} ${m[5]}`) ?? 0) + 1)
    }
    expect(listed.get('warning broken-link')).toBeGreaterThan(100)
    expect(listed.get('warning img-alt')).toBeGreaterThan(2000)
    expect(counted.sort()).toEqual([...listed].map(([kind, n]) => `${kind} ${n}`).sort())

    const rules = plain.lines.flatMap((l) => KIND.exec(l)?.[3] ?? [])
    expect(rules.slice(0, 2)).toEqual(['broken-link', 'missing-asset'])
    expect(rules.at(-1)).toBe('img-alt')
    expect(rules.map(ruleOrder)).toEqual(rules.map(ruleOrder).sort((a, b) => a - b))
    expect(plain.lines.at(-1)).toMatch(/^kogi: \d+ pages, \d+ warnings, 0 errors in /)
  }, 600_000)
})
