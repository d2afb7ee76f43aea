/**
 * The dev server's record of every problem (warning or error) of the site as last built, page by
 * page, and what a rebuild changed in it: the terminal prints per save only the problems that
 * are new and those that are fixed, not every old warning of the page again.
 */
import type { VFile } from 'vfile'
import { formatMessage, severityOf } from '../stages/report.js'

/** One warning or error of a page. */
export interface Problem {
  /** The file it is about, as the report names it. */
  readonly path: string
  readonly line: number
  readonly column: number
  readonly severity: 'error' | 'warning'
  /** The message, on one line. */
  readonly reason: string
  /** Rule and source (`broken-link kogi`), or empty. */
  readonly rule: string
  /** The report's line for it. */
  readonly text: string
}

/** A built file and its problems, in source order. */
export interface FileProblems {
  readonly file: VFile
  readonly problems: readonly Problem[]
}

/** What a rebuild changed. */
export interface ProblemChanges {
  readonly added: readonly Problem[]
  readonly fixed: readonly Problem[]
}

const byPlace = (a: Problem, b: Problem) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column)

/**
 * The warnings and errors of a file (info messages are not problems), in source order.
 *
 * @param file A built file.
 */
export function problemsOf(file: VFile): Problem[] {
  const problems: Problem[] = []
  for (const m of file.messages) {
    const severity = severityOf(m)
    if (severity === 'info') continue
    problems.push({
      path: m.file || file.path || '<unknown>',
      line: m.line ?? 1,
      column: m.column ?? 1,
      severity,
      reason: String(m.reason).replace(/\s*\n\s*/g, ' '),
      rule: [m.ruleId, m.source].filter(Boolean).join(' '),
      text: formatMessage(file, m),
    })
  }
  return problems.sort(byPlace)
}

/**
 * Compare two lists of problems. A problem is the same problem when its file, severity, rule
 * and message are: at the same place, or else in the same order, so a line added above it
 * moves it without making it new.
 */
function compare(before: readonly Problem[], after: readonly Problem[]): ProblemChanges {
  const identity = (p: Problem) => [p.path, p.severity, p.rule, p.reason].join('\0')
  const groups = new Map<string, { before: Problem[]; after: Problem[] }>()
  const group = (p: Problem) => {
    let g = groups.get(identity(p))
    if (!g) groups.set(identity(p), (g = { before: [], after: [] }))
    return g
  }
  for (const p of before) group(p).before.push(p)
  for (const p of after) group(p).after.push(p)
  const added: Problem[] = []
  const fixed: Problem[] = []
  for (const g of groups.values()) {
    const samePlace = (p: Problem, list: Problem[]) => list.some((q) => q.line === p.line && q.column === p.column)
    const oldRest = g.before.filter((p) => !samePlace(p, g.after))
    const newRest = g.after.filter((p) => !samePlace(p, g.before))
    added.push(...newRest.slice(oldRest.length))
    fixed.push(...oldRest.slice(newRest.length))
  }
  return { added: added.sort(byPlace), fixed: fixed.sort(byPlace) }
}

/** Every problem of the site as last built, by file. */
export class ProblemSet {
  private readonly byFile = new Map<string, FileProblems>()

  /**
   * Take a whole build's files: problems of files it did not report are gone.
   *
   * @param files Every file of the build.
   * @returns The problems new since the last build and those fixed.
   */
  replaceAll(files: readonly VFile[]): ProblemChanges {
    const before = this.all()
    this.byFile.clear()
    for (const file of files) this.byFile.set(file.path, { file, problems: problemsOf(file) })
    return compare(before, this.all())
  }

  /**
   * Take the files of a rebuild of some pages; the other files keep their problems.
   *
   * @param files The rebuilt pages' files.
   * @returns The problems new since their last build and those fixed.
   */
  replace(files: readonly VFile[]): ProblemChanges {
    const before = files.flatMap((f) => this.byFile.get(f.path)?.problems ?? [])
    for (const file of files) this.byFile.set(file.path, { file, problems: problemsOf(file) })
    return compare(before, files.flatMap((f) => this.byFile.get(f.path)!.problems))
  }

  /** The files with problems, by path. */
  files(): FileProblems[] {
    return [...this.byFile.values()].filter((f) => f.problems.length > 0).sort((a, b) => (a.file.path < b.file.path ? -1 : 1))
  }

  private all(): Problem[] {
    return [...this.byFile.values()].flatMap((f) => f.problems)
  }
}

/**
 * The terminal's lines for what a rebuild changed: `kogi: 2 new, 1 fixed`, then one line per
 * problem; undefined when nothing changed.
 *
 * @param changes What {@link ProblemSet} found.
 */
export function formatChanges(changes: ProblemChanges): string | undefined {
  const { added, fixed } = changes
  if (added.length === 0 && fixed.length === 0) return undefined
  const lines = [`kogi: ${added.length} new, ${fixed.length} fixed`]
  for (const p of added) lines.push(`  new    ${p.text}`)
  for (const p of fixed) lines.push(`  fixed  ${p.text}`)
  return lines.join('\n')
}
