/**
 * The report of a plain build, read at a glance: one line per kind of problem with its count and
 * its first places, errors before warnings, and the kinds students would notice (broken links,
 * missing images, formulas in red) before style hints. A short report lists every problem.
 */
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { formatReport, placedMessages, severityOf, type Placed } from '../stages/report.js'
import { ruleLabel, ruleOrder } from './rules.js'

/** Up to this many problems, the report lists each one as `--verbose` does. */
export const SHORT_REPORT = 10
/** Places named on a kind's line. */
export const PLACES_SHOWN = 3
/** Kinds listed at most, so the report stays within a screen whatever happens. */
export const MAX_KINDS = 50

/** The problems of one rule at one severity. */
export interface ProblemGroup {
  readonly severity: 'error' | 'warning'
  /** The rule id; empty for a message without one. */
  readonly rule: string
  readonly label: string
  /** New ones first, each part in path and line order. */
  readonly problems: readonly Placed[]
  /** How many are new since the last build. */
  readonly fresh: number
}

/**
 * Errors and warnings grouped by severity and rule, errors first, then in the order of
 * src/report/rules.ts.
 *
 * @param files The build's files.
 * @param fresh Messages new since the last build.
 */
export function groupProblems(files: readonly VFile[], fresh: ReadonlySet<VFileMessage>): ProblemGroup[] {
  const groups = new Map<string, { severity: 'error' | 'warning'; rule: string; problems: Placed[] }>()
  for (const p of placedMessages(files)) {
    const severity = severityOf(p.message) === 'error' ? 'error' : 'warning'
    const rule = p.message.ruleId ?? ''
    const key = `${severity}\u0000${rule}`
    const group = groups.get(key) ?? { severity, rule, problems: [] }
    group.problems.push(p)
    groups.set(key, group)
  }
  const isNew = (p: Placed) => fresh.has(p.message)
  return [...groups.values()]
    .map((g) => {
      const problems = [...g.problems.filter(isNew), ...g.problems.filter((p) => !isNew(p))]
      return { ...g, label: ruleLabel(g.rule || 'other'), problems, fresh: problems.filter(isNew).length }
    })
    .sort((a, b) => (a.severity === b.severity ? ruleOrder(a.rule) - ruleOrder(b.rule) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) : a.severity === 'error' ? -1 : 1))
}

/** `path:line`, marked when new. */
export function placeOf(p: Placed, fresh: ReadonlySet<VFileMessage>): string {
  return `${p.path}:${p.line || 1}${fresh.has(p.message) ? ' (new)' : ''}`
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * The report of a plain build: each problem on its line when there are at most
 * {@link SHORT_REPORT}, else one line per kind under `errors` and `warnings`, such as
 * `   185  broken links, 2 new  broken-link  a.md:12 (new), b.md:3 (new), c.md:9 … and 182 more`.
 *
 * @param files The build's files, rule levels applied.
 * @param fresh Messages new since the last build.
 */
export function formatGlance(files: readonly VFile[], fresh: ReadonlySet<VFileMessage>): string {
  const groups = groupProblems(files, fresh)
  const total = groups.reduce((n, g) => n + g.problems.length, 0)
  if (total <= SHORT_REPORT) return formatReport(files)
  const shown = groups.length > MAX_KINDS ? groups.slice(0, MAX_KINDS - 1) : groups
  const labelOf = (g: ProblemGroup) => (g.fresh > 0 ? `${g.label}, ${g.fresh} new` : g.label)
  const width = (f: (g: ProblemGroup) => string) => Math.max(...shown.map((g) => f(g).length))
  const [countWidth, labelWidth, ruleWidth] = [width((g) => String(g.problems.length)), width(labelOf), width((g) => g.rule)]
  const lines: string[] = []
  for (const g of shown) {
    if (g === shown.find((x) => x.severity === g.severity)) lines.push(g.severity === 'error' ? 'errors' : 'warnings')
    // Several problems on one line (two formulas of one paragraph) name it once.
    const places: string[] = []
    let covered = 0
    for (const p of g.problems) {
      const place = placeOf(p, fresh)
      if (!places.includes(place) && places.length < PLACES_SHOWN) places.push(place)
      if (places.includes(place)) covered++
    }
    const more = covered < g.problems.length ? ` … and ${g.problems.length - covered} more` : ''
    lines.push(`  ${String(g.problems.length).padStart(countWidth)}  ${labelOf(g).padEnd(labelWidth)}  ${g.rule.padEnd(ruleWidth)}  ${places.join(', ')}${more}`)
  }
  const rest = groups.slice(shown.length)
  if (rest.length > 0) lines.push(`  … and ${plural(rest.reduce((n, g) => n + g.problems.length, 0), 'problem')} of ${plural(rest.length, 'more kind')}`)
  lines.push('kogi: --verbose lists every problem at its line')
  return lines.join('\n')
}
