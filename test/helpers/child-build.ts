/**
 * `kogi build` in a process of its own, for inputs heavy enough that a regression (a hang, a
 * crash for lack of memory) would otherwise stall or kill the test runner.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { tempProject } from './build.js'
import { projectRoot } from './shared.js'

/** What the command printed and how it ended. */
export interface ChildBuild {
  /** The project folder; the site is in `_site` when it was written. */
  readonly dir: string
  readonly code: number | null
  /** Standard error: the report lines and the summary. */
  readonly stderr: string
  /** Killed at the time limit. */
  readonly killed: boolean
}

/**
 * Build content files with the project's templates and theme, by the command line in a child process.
 *
 * @param files Content files by path relative to `content/`.
 * @param limitMs Time after which the child is killed; a guard against hangs, not a measure.
 */
export function buildInChild(files: Record<string, string | Buffer>, limitMs: number): Promise<ChildBuild> {
  const { dir } = tempProject(files)
  for (const name of ['templates', 'assets']) fs.cpSync(path.join(projectRoot, name), path.join(dir, name), { recursive: true })
  const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx')
  return new Promise((resolve) => {
    execFile(tsx, [path.join(projectRoot, 'src', 'cli.ts'), 'build', '--root', dir], { cwd: dir, timeout: limitMs, maxBuffer: 1 << 24 }, (error, _stdout, stderr) => {
      const failed = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null
      resolve({ dir, code: failed ? (typeof failed.code === 'number' ? failed.code : null) : 0, stderr, killed: failed?.killed ?? false })
    })
  })
}
