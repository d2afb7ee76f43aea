/**
 * Inline content of one line, read just far enough to find the HTML comments and the `$$`
 * that stand outside code spans, as CommonMark pairs backtick runs: a run opens a code span
 * only if a run of the same length closes it later in the paragraph; escaped backticks and
 * backticks inside an HTML tag or autolink (which bind first) open nothing.
 */
import { ATTRIBUTE } from './block-starts.js'

/**
 * How to read a line: `paragraph` (code spans may close on the paragraph's later lines),
 * `line` (code spans close on this line or are literal: headings, table rows, HTML blocks),
 * `plain` (no code spans, no tags: TeX inside `$$`, a fence's info string).
 */
export type InlineMode = 'paragraph' | 'line' | 'plain'

/** What {@link nextInline} found. */
export type InlineEvent =
  | { readonly kind: 'comment' | 'dollars'; readonly index: number }
  /** A code span opened at `index` that closes `line` lines further on, just before `end`. */
  | { readonly kind: 'span'; readonly index: number; readonly line: number; readonly end: number }

/** Where the first backtick run of a length closes on the paragraph's later lines, if it does. */
export type LaterRuns = (length: number) => { readonly line: number; readonly end: number } | undefined

const EMAIL = `[A-Za-z0-9.!#$%&'*+/=?^_\`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*`
const TAG = new RegExp(
  `<(?:[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*[ \\t]*/?>|/[A-Za-z][A-Za-z0-9-]*[ \\t]*>|[A-Za-z][A-Za-z0-9+.-]{1,31}:[^ \\t<>]*>|${EMAIL}>|\\?.*?\\?>|![A-Za-z][^>]*>|!\\[CDATA\\[.*?\\]\\]>)`,
  'y',
)

/** Index just after the maximal run of a character starting at an index. */
function runEnd(line: string, at: number, code: number): number {
  let i = at
  while (line.charCodeAt(i) === code) i++
  return i
}

/** Index of the next maximal run of exactly `length` backticks at or after an index, or -1. */
export function findRun(line: string, from: number, length: number): number {
  for (let i = line.indexOf('`', from); i >= 0; i = line.indexOf('`', i)) {
    const end = runEnd(line, i, 96)
    if (end - i === length) return i
    i = end
  }
  return -1
}

/**
 * The next comment opening or `$$` at or after an index that is not inside a code span, or
 * the code span that carries the rest of the line over to a later one.
 *
 * @param line The line's text.
 * @param from Where to start reading.
 * @param mode How the line's inline content is read.
 * @param later For `paragraph`: where runs close on the paragraph's later lines.
 */
export function nextInline(line: string, from: number, mode: InlineMode, later?: LaterRuns): InlineEvent | undefined {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i)
    // An escaped `<!--` still hides a draft: only a comment's own text could leak otherwise.
    if (c === 92 && line.charCodeAt(i + 1) !== 60) i++
    else if (c === 60) {
      if (line.startsWith('<!--', i)) return { kind: 'comment', index: i }
      if (mode === 'plain') continue
      TAG.lastIndex = i
      if (TAG.test(line)) i = TAG.lastIndex - 1
    } else if (c === 36) {
      const end = runEnd(line, i, 36)
      if (end - i === 2) return { kind: 'dollars', index: i }
      i = end - 1
    } else if (c === 96 && mode !== 'plain') {
      const end = runEnd(line, i, 96)
      const close = findRun(line, end, end - i)
      if (close >= 0) i = close + end - i - 1
      else {
        const far = mode === 'paragraph' ? later?.(end - i) : undefined
        if (far) return { kind: 'span', index: i, line: far.line, end: far.end }
        i = end - 1
      }
    }
  }
  return undefined
}

/** The maximal backtick runs of a line: each length with the index just after its first run. */
export function backtickRuns(line: string): Map<number, number> {
  const runs = new Map<number, number>()
  for (let i = line.indexOf('`'); i >= 0; i = line.indexOf('`', i)) {
    const end = runEnd(line, i, 96)
    if (!runs.has(end - i)) runs.set(end - i, end)
    i = end
  }
  return runs
}
