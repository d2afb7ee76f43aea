/**
 * Acceptance on the instructor's real lectures (../shared/corpus): every page builds, at least
 * 97% of the 5,719 math items MathJax found on the live site are typeset, formula errors are
 * the few genuine author errors, and no kramdown attribute list shows as text.
 * The build runs as `check:corpus --json` in a child process, so the long build does not block
 * the test runner. Skips with a notice when the corpus is absent (a fresh clone has no ../shared).
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { corpusDir, projectRoot } from './helpers/shared.js'

const corpus = corpusDir()

interface Numbers {
  pages: number
  typeset: number
  formulaErrors: string[]
  leaks: string[]
  errors: number
}

describe.skipIf(!corpus)('the instructor corpus', () => {
  it('builds every page with the math typeset and no attribute text showing', async () => {
    const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx')
    const { stdout } = await promisify(execFile)(tsx, [path.join(projectRoot, 'src', 'corpus.ts'), corpus!, '--json'], { cwd: projectRoot, maxBuffer: 1 << 26 })
    const report = JSON.parse(stdout) as Numbers
    expect(report.errors).toBe(0)
    expect(report.pages).toBeGreaterThanOrEqual(190)
    expect(report.typeset).toBeGreaterThanOrEqual(Math.ceil(0.97 * 5719))
    expect(report.formulaErrors.length).toBeLessThanOrEqual(15)
    expect(report.leaks).toEqual([])
  }, 300_000)
})
