/**
 * What the command line prints after a build: the problems (grouped at a glance, or each at its
 * line with `--verbose`), GitHub annotations and the job summary with `--format github`, the
 * summary line, and what became of the site.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import type { BuildResult } from '../stages/build.js'
import { countMessages, formatReport, summaryLine } from '../stages/report.js'
import { formatGlance } from './summary.js'
import { annotations, stepSummary } from './github.js'
import { newSinceLastBuild } from './history.js'
import { applyRuleLevels } from './rule-levels.js'
import { isKogiSite } from '../output/out-dir.js'
import { KEPT, LEFT_OUT, STAND_IN } from '../output/last-good.js'

/** How and where to report. */
export interface ReportOptions {
  readonly command: string
  readonly verbose: boolean
  readonly format: 'plain' | 'github'
  /** The folder the site went to. */
  readonly out: string
  /** Where the problems of the last build are kept, to mark new ones. */
  readonly cacheDir?: string
  readonly rules: Config['rules']
}

/**
 * Print a build's report to stderr (annotations to stdout) and count what is left after the
 * config's rule levels.
 *
 * @param result The build.
 * @param options The command and its flags.
 * @returns Errors and warnings as reported, for the exit code.
 */
export function printReport(result: BuildResult, options: ReportOptions): { errors: number; warnings: number } {
  const { files } = result
  const fresh = newSinceLastBuild(options.cacheDir, files, result.written)
  const raised = applyRuleLevels(files, options.rules)
  const counts = countMessages(files)
  if (options.format === 'github') for (const line of annotations(files, fresh)) process.stdout.write(line + '\n')
  const text = options.verbose ? formatReport(files, true) : formatGlance(files, fresh)
  if (text) process.stderr.write(text + '\n')
  // `check` builds into a temporary folder it deletes: there is no site to point at.
  const shown = result.written && options.command !== 'check' ? path.relative(process.cwd(), options.out) || '.' : undefined
  const summary = summaryLine({ ...result, ...counts, out: shown })
  process.stderr.write(summary + '\n')
  if (options.format === 'github') writeStepSummary(stepSummary(files, fresh, summary))
  if (options.verbose) process.stderr.write(`kogi: ${result.cached} of ${result.pages} pages from the cache; ${result.timings.format()}\n`)
  if (raised.length > 0) process.stderr.write(`kogi: kogi.config.json sets these rules to "error": ${raised.join(', ')}\n`)
  if (options.command !== 'check' && result.errors > 0) {
    const said = result.written ? pagesWithErrors(result) : leftAsItWas(options.out)
    if (said) process.stderr.write(said + '\n')
  }
  return counts
}

/** Add the job summary to the file GitHub Actions names; outside Actions, say there is none. */
function writeStepSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    process.stderr.write('kogi: GITHUB_STEP_SUMMARY is not set, so no job summary was written\n')
    return
  }
  try {
    // A blank line first, so the heading starts a line whatever an earlier step left there.
    fs.appendFileSync(file, '\n' + markdown)
  } catch (error) {
    process.stderr.write(`kogi: the job summary could not be written to ${file}: ${(error as Error).message}\n`)
  }
}

/** What students see of the pages with errors, in a site written without them. */
function pagesWithErrors(result: BuildResult): string | undefined {
  const count = (rule: string) => result.files.filter((f) => f.messages.some((m) => m.ruleId === rule)).length
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  const said: [string, string, string][] = [
    [KEPT, 'keeps its last good version', 'keep their last good version'],
    [LEFT_OUT, 'is left out', 'are left out'],
    [STAND_IN, "shows kogi's own page instead", "show kogi's own pages instead"],
  ]
  const parts = said.flatMap(([rule, one, many]) => (count(rule) > 0 ? [plural(count(rule), one, many)] : []))
  return parts.length > 0 ? `kogi: the pages without errors were written; of those with errors, ${parts.join(', ')}` : undefined
}

/** What a build that wrote no site says about `out`, as it is now: never more than is true. */
function leftAsItWas(out: string): string {
  if (isKogiSite(out)) return 'kogi: the previous site was left as it was'
  return fs.existsSync(out) ? `kogi: no site was written; ${path.relative(process.cwd(), out) || '.'} was left as it was` : 'kogi: no site was written'
}
