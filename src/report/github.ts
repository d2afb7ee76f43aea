/**
 * The report in GitHub Actions (`kogi build --format github`). The runner turns only the first
 * ten error and ten warning commands of a step into annotations, so kogi prints those: errors
 * first, then warnings, new ones and those students would notice first. Every problem goes into
 * the job summary instead, grouped by lecture, where the annotation limit loses nothing.
 */
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { placedMessages, reasonOf, type Placed } from '../stages/report.js'
import { groupProblems } from './summary.js'

/** Annotations of one type the runner shows for a step; more are dropped. */
export const ANNOTATIONS_SHOWN = 10
/** Room in the job summary: GitHub refuses one over 1 MiB, so the list stops short of it. */
export const SUMMARY_BYTES = 1_000_000

// Workflow command escaping, as @actions/core does it.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** One workflow command that puts a problem on its file and line. */
export function annotation(p: Placed, isNew: boolean): string {
  const severity = p.message.fatal === true ? 'error' : 'warning'
  const title = `${p.message.ruleId ?? 'kogi'}${isNew ? ' (new)' : ''}`
  const props = `file=${escapeProperty(p.path)},line=${p.line || 1},col=${p.column || 1},title=${escapeProperty(title)}`
  return `::${severity} ${props}::${escapeData(reasonOf(p.message))}`
}

/**
 * The annotations to print: up to {@link ANNOTATIONS_SHOWN} errors, then as many warnings; of
 * each, new ones first, then in report order.
 *
 * @param files The build's files, rule levels applied.
 * @param fresh Messages new since the last build.
 */
export function annotations(files: readonly VFile[], fresh: ReadonlySet<VFileMessage>): string[] {
  const groups = groupProblems(files, fresh)
  return (['error', 'warning'] as const).flatMap((severity) => {
    const of = groups.filter((g) => g.severity === severity).flatMap((g) => g.problems)
    const ordered = [...of.filter((p) => fresh.has(p.message)), ...of.filter((p) => !fresh.has(p.message))]
    return ordered.slice(0, ANNOTATIONS_SHOWN).map((p) => annotation(p, fresh.has(p.message)))
  })
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
/** Text shown as written: no emphasis, code, links or math made of a reason's characters. */
const escapeMarkdown = (s: string) => escapeHtml(s).replace(/[\\`*_[\]~$|]/g, '\\$&')
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * The job summary in Markdown: the summary line, a table of kinds, then every problem under its
 * lecture (lectures with errors open), within {@link SUMMARY_BYTES}. Lectures are HTML blocks
 * with no blank line inside, so their text is shown as written.
 *
 * @param files The build's files, rule levels applied.
 * @param fresh Messages new since the last build.
 * @param summary The build's summary line.
 */
export function stepSummary(files: readonly VFile[], fresh: ReadonlySet<VFileMessage>, summary: string): string {
  const head = [`## ${escapeMarkdown(summary)}`, '']
  const groups = groupProblems(files, fresh)
  if (groups.length === 0) return head.join('\n')
  head.push('| | problems | new | kind | rule |', '|---|--:|--:|---|---|')
  for (const g of groups) head.push(`| ${g.severity} | ${g.problems.length} | ${g.fresh || ''} | ${escapeMarkdown(g.label)} | \`${g.rule}\` |`)
  head.push('', '### Problems by lecture', '')
  const lectures = new Map<string, Placed[]>()
  for (const p of placedMessages(files)) lectures.set(p.path, [...(lectures.get(p.path) ?? []), p])
  let text = head.join('\n') + '\n'
  let bytes = Buffer.byteLength(text)
  let listed = 0
  for (const [lecture, problems] of lectures) {
    const errors = problems.filter((p) => p.message.fatal === true).length
    const counts = [errors > 0 ? plural(errors, 'error') : '', problems.length > errors ? plural(problems.length - errors, 'warning') : ''].filter(Boolean).join(', ')
    const news = problems.filter((p) => fresh.has(p.message)).length
    // Raw HTML: GitHub takes no Markdown (emphasis, math, links) out of a reason inside it.
    const items = problems.map((p) => `<li>${p.line || 1}:${p.column || 1} ${p.message.fatal === true ? '<b>error</b>' : 'warning'}: ${escapeHtml(reasonOf(p.message))} <code>${escapeHtml(p.message.ruleId ?? 'kogi')}</code>${fresh.has(p.message) ? ' <b>new</b>' : ''}</li>`)
    const summaryText = `<code>${escapeHtml(lecture)}</code>: ${counts}${news > 0 ? `, ${news} new` : ''}`
    const block = [`<details${errors > 0 ? ' open' : ''}><summary>${summaryText}</summary>`, '<ul>', ...items, '</ul>', '</details>', ''].join('\n')
    // Room kept for the closing note.
    bytes += Buffer.byteLength(block)
    if (bytes > SUMMARY_BYTES - 400) break
    text += block
    listed += problems.length
  }
  const total = [...lectures.values()].reduce((n, ps) => n + ps.length, 0)
  if (listed < total) text += `\n${plural(total - listed, 'more problem')} ${total - listed === 1 ? 'is' : 'are'} not listed here: a job summary holds at most 1 MiB. \`kogi build --verbose\` lists every problem.\n`
  return text
}
