/**
 * HTML comments in the markdown source: find them and blank them out before parsing.
 *
 * The instructor hides drafts in `<!-- … -->`, often spanning headings, blank lines and whole
 * sections (37% of the corpus bytes). Removing them before remark sees the text means they can
 * never leak into the site, cost no parse time, and cannot break the block structure around
 * them the way a CommonMark HTML block that ends at a blank line would. Lines and the columns
 * of text after a comment are kept, so messages still point at the right place.
 */
import type { VFile } from 'vfile'

/** One comment found in the source. */
export interface CommentRange {
  /** Offset of `<`. */
  start: number
  /** Offset just after `-->` (the end of the text when unclosed). */
  end: number
  /** 1-based line of `<!--`. */
  line: number
  /** 1-based column of `<!--`. */
  column: number
  closed: boolean
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/

/** Offsets inside inline code spans on one line, where `<!--` is literal text. */
function inCodeSpan(line: string, at: number): boolean {
  const re = /(`+)[^`]*?\1/g
  let m: RegExpExecArray | null
  while ((m = re.exec(line))) {
    if (m.index < at && at < m.index + m[0].length) return true
    if (m.index > at) break
  }
  return false
}

/**
 * Find every HTML comment outside fenced code and inline code.
 *
 * @param text The markdown source.
 */
export function findComments(text: string): CommentRange[] {
  const found: CommentRange[] = []
  let fence: string | undefined
  let pos = 0
  let lineNo = 1
  while (pos < text.length) {
    let lineEnd = text.indexOf('\n', pos)
    if (lineEnd < 0) lineEnd = text.length
    const physicalStart = text.lastIndexOf('\n', pos - 1) + 1
    if (physicalStart === pos) {
      const line = text.slice(pos, lineEnd)
      const f = FENCE.exec(line)
      if (fence || f) {
        if (!fence) fence = f![1]
        else if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = undefined
        pos = lineEnd + 1
        lineNo++
        continue
      }
    }
    const physical = text.slice(physicalStart, lineEnd)
    let open = physical.indexOf('<!--', pos - physicalStart)
    while (open >= 0 && inCodeSpan(physical, open)) open = physical.indexOf('<!--', open + 4)
    if (open < 0) {
      pos = lineEnd + 1
      lineNo++
      continue
    }
    const start = physicalStart + open
    const close = text.indexOf('-->', start + 4)
    const end = close < 0 ? text.length : close + 3
    found.push({ start, end, line: lineNo, column: open + 1, closed: close >= 0 })
    lineNo += countNewlines(text, start, end)
    // Keep scanning the rest of the line where the comment ends: it may open another.
    pos = end
  }
  return found
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++
  return n
}

/**
 * Replace a comment with blank text of the same shape: a one-line comment becomes spaces (the
 * columns after it are kept); a multi-line one keeps only its newlines, so lines are kept and
 * whatever follows `-->` starts its line. Padding it to its old column would turn it into an
 * indented code block (or, past 128 columns, set off the nesting guard).
 */
export function blankOut(text: string, range: CommentRange): string {
  const body = text.slice(range.start, range.end)
  if (!body.includes('\n')) return ' '.repeat(body.length)
  return '\n'.repeat(countNewlines(body, 0, body.length))
}

/**
 * Remove every comment from a file's text before parsing, warning about one never closed.
 *
 * @param file The page; its value is rewritten in place.
 * @param replace How to rewrite each comment (default: blank it out); the drafts preview passes
 *   its own to render comment bodies instead.
 * @returns The comments that were found.
 */
export function stripComments(file: VFile, replace: (text: string, range: CommentRange) => string = blankOut): CommentRange[] {
  const text = String(file.value)
  if (!text.includes('<!--')) return []
  const ranges = findComments(text)
  let out = ''
  let at = 0
  for (const range of ranges) {
    out += text.slice(at, range.start) + replace(text, range)
    at = range.end
    if (!range.closed) {
      file.message(`comment opened at line ${range.line} is never closed; everything after it is hidden`, {
        place: { line: range.line, column: range.column },
        ruleId: 'unclosed-comment',
        source: 'kogi',
      })
    }
  }
  file.value = out + text.slice(at)
  return ranges
}
