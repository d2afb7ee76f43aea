/**
 * Report: every diagnostic of a build, once, at the end, one line each:
 * `path:line:col  warning  reason  rule` (what `--verbose` prints; src/report/summary.ts
 * groups them for a plain build).
 */
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/** Severity of a message as kogi counts it. */
export type Severity = 'error' | 'warning' | 'info'

/** The severity of a vfile message: fatal → error, false → warning, null → info. */
export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

/** Count errors and warnings across files. */
export function countMessages(files: readonly VFile[]): { errors: number; warnings: number } {
  let errors = 0
  let warnings = 0
  for (const file of files) {
    for (const m of file.messages) {
      const s = severityOf(m)
      if (s === 'error') errors++
      else if (s === 'warning') warnings++
    }
  }
  return { errors, warnings }
}

/** The file a message is about, as the report names it. */
export function pathOf(file: VFile, message: VFileMessage): string {
  return message.file || file.path || '<unknown>'
}

/** A message's reason on one line. */
export function reasonOf(message: VFileMessage): string {
  return String(message.reason).replace(/\s*\n\s*/g, ' ')
}

/** One line for one message. */
export function formatMessage(file: VFile, message: VFileMessage): string {
  const where = `${pathOf(file, message)}:${message.line ?? 1}:${message.column ?? 1}`
  const rule = [message.ruleId, message.source].filter(Boolean).join(' ')
  return `${where}  ${severityOf(message)}  ${reasonOf(message)}${rule ? '  ' + rule : ''}`
}

/** A message of a file, with its place. */
export interface Placed {
  readonly file: VFile
  readonly message: VFileMessage
  readonly path: string
  readonly line: number
  readonly column: number
}

/** Order of places: path, then line, then column. */
export function byPlace(a: Placed, b: Placed): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column
}

/**
 * The messages of all files sorted by path and position; info messages only when asked.
 *
 * @param files The build's files.
 * @param withInfo Include info messages.
 */
export function placedMessages(files: readonly VFile[], withInfo = false): Placed[] {
  const placed: Placed[] = []
  for (const file of files) {
    for (const message of file.messages) {
      if (!withInfo && severityOf(message) === 'info') continue
      placed.push({ file, message, path: pathOf(file, message), line: message.line ?? 0, column: message.column ?? 0 })
    }
  }
  return placed.sort(byPlace)
}

/**
 * Format all messages of all files, one line each, sorted by path and position; info messages
 * only when asked.
 *
 * @param files The build's files.
 * @param verbose Include info messages.
 */
export function formatReport(files: readonly VFile[], verbose = false): string {
  return placedMessages(files, verbose)
    .map((p) => formatMessage(p.file, p.message))
    .join('\n')
}

/** The closing summary line of a build. */
export function summaryLine(stats: { pages: number; warnings: number; errors: number; seconds: number; out?: string; upToDate?: boolean }): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const where = stats.out ? ` → ${stats.out}` : ''
  const fresh = stats.upToDate ? ' (nothing changed since the last build; the site is up to date)' : ''
  return `kogi: ${plural(stats.pages, 'page')}, ${plural(stats.warnings, 'warning')}, ${plural(stats.errors, 'error')} in ${stats.seconds.toFixed(2)}s${where}${fresh}`
}
