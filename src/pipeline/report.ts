/**
 * Report: every diagnostic of a build, once, at the end, one line each:
 * `path:line:col  warning  reason  rule`.
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

/** One line for one message. */
export function formatMessage(file: VFile, message: VFileMessage): string {
  const where = `${message.file || file.path || '<unknown>'}:${message.line ?? 1}:${message.column ?? 1}`
  const rule = [message.ruleId, message.source].filter(Boolean).join(' ')
  const reason = String(message.reason).replace(/\s*\n\s*/g, ' ')
  return `${where}  ${severityOf(message)}  ${reason}${rule ? '  ' + rule : ''}`
}

/**
 * Format all messages of all files, sorted by path and position; info messages only when asked.
 *
 * @param files The build's files.
 * @param verbose Include info messages.
 */
export function formatReport(files: readonly VFile[], verbose = false): string {
  const lines: { key: [string, number, number]; text: string }[] = []
  for (const file of files) {
    for (const m of file.messages) {
      if (!verbose && severityOf(m) === 'info') continue
      lines.push({ key: [m.file || file.path || '', m.line ?? 0, m.column ?? 0], text: formatMessage(file, m) })
    }
  }
  lines.sort((a, b) => (a.key[0] < b.key[0] ? -1 : a.key[0] > b.key[0] ? 1 : a.key[1] - b.key[1] || a.key[2] - b.key[2]))
  return lines.map((l) => l.text).join('\n')
}

/** The closing summary line of a build. */
export function summaryLine(stats: { pages: number; warnings: number; errors: number; seconds: number; out?: string; upToDate?: boolean }): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const where = stats.out ? ` → ${stats.out}` : ''
  const fresh = stats.upToDate ? ' (nothing changed since the last build; the site is up to date)' : ''
  return `kogi: ${plural(stats.pages, 'page')}, ${plural(stats.warnings, 'warning')}, ${plural(stats.errors, 'error')} in ${stats.seconds.toFixed(2)}s${where}${fresh}`
}
