/**
 * kramdown's `$$` pairing, as a source pre-pass that keeps every line where it was.
 *
 * kramdown pairs `$$` with the next `$$` wherever they stand: `$$\begin{aligned}` on one line,
 * `…\end{aligned}$$` closing on the last line of text, `$$ x $$` alone on a line. A CommonMark
 * parser decides paragraphs first, so a formula whose lines start with `- `, `#` or `>`, or
 * that holds a blank line, is torn apart before its math is seen. This pass finds the spans as
 * kramdown does and makes them survive block parsing as one inline `$$…$$` run: lines after the
 * first are indented by four spaces (never a new block inside a paragraph) and blank lines get
 * a lone TeX comment `%`. Only columns inside a formula move; line numbers never do.
 */

import type { Node, Point } from 'unist'

/** One `$$…$$` span found in the source. */
export interface DollarSpan {
  /** Offset of the opening `$$` in the rewritten text. */
  readonly start: number
  /** Offset just after the closing `$$` in the rewritten text. */
  readonly end: number
}

// Any indentation: a fence inside a list item is still code.
const FENCE = /^\s*(`{3,}|~{3,})/
const INDENT = '    '

/** Offsets of `$$` runs on one line, outside inline code and not escaped. */
function dollarRuns(line: string): number[] {
  const runs: number[] = []
  let code: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '`') {
      let j = i
      while (line[j] === '`') j++
      const ticks = line.slice(i, j)
      if (code === undefined) code = ticks
      else if (code === ticks) code = undefined
      i = j - 1
    } else if (code !== undefined) continue
    else if (c === '\\') i++
    else if (c === '$' && line[i + 1] === '$' && line[i + 2] !== '$') {
      runs.push(i)
      i++
    } else if (c === '$') while (line[i + 1] === '$') i++
  }
  // An unclosed backtick run is literal text, not code: rescan without it.
  if (code !== undefined && line.includes('`')) return dollarRuns(line.replace(/`/g, ' '))
  return runs
}

/**
 * Rewrite markdown so that every kramdown `$$…$$` span parses as one inline math run.
 *
 * @param text The markdown source (comments already blanked).
 * @returns The rewritten text (same lines), the spans in offsets of the rewritten text, and how
 *   many characters were added at the start of each line (for {@link restorePositions}), and
 *   where each `$$` that found no partner stands (it stays text).
 */
export function protectDollarMath(text: string): { text: string; spans: DollarSpan[]; added: number[]; unclosed: { line: number; column: number }[] } {
  const original = text.split('\n')
  const lines = [...original]
  const spans: DollarSpan[] = []
  let fence: string | undefined
  let open: { line: number; column: number; block: boolean } | undefined
  const unclosed: { line: number; column: number }[] = []
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!
    if (!open) {
      const f = FENCE.exec(line)
      if (fence || f) {
        if (!fence) fence = f![1]
        else if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = undefined
        continue
      }
    }
    let from = 0
    if (open) {
      if (line.trim() === '') {
        // kramdown's block math runs past blank lines; a paragraph's inline math does not.
        if (open.block) lines[n] = INDENT + '%'
        else {
          // Unpaired within its paragraph: literal text, and the lines after it are as written.
          for (let k = open.line + 1; k < n; k++) lines[k] = original[k]!
          unclosed.push({ line: open.line + 1, column: open.column + 1 - (lines[open.line]!.length - original[open.line]!.length) })
          open = undefined
        }
        continue
      }
      lines[n] = INDENT + line
    }
    const current = lines[n]!
    for (const at of dollarRuns(current)) {
      if (at < from) continue
      if (!open) {
        const startsBlock = /^ {0,3}$/.test(current.slice(0, at)) && (n === 0 || lines[n - 1]!.trim() === '')
        open = { line: n, column: at, block: startsBlock }
      } else {
        spans.push({ start: offsetOf(lines, open.line, open.column), end: offsetOf(lines, n, at + 2) })
        open = undefined
      }
      from = at + 2
    }
  }
  // An unclosed `$$` stays literal text, as in kramdown; undo what was done after it.
  if (open) {
    // The opening line may itself be indented, as the last line of the formula before it.
    unclosed.push({ line: open.line + 1, column: open.column + 1 - (lines[open.line]!.length - original[open.line]!.length) })
    for (let n = open.line + 1; n < lines.length; n++) lines[n] = original[n]!
  }
  const added = lines.map((line, n) => line.length - original[n]!.length)
  return { text: lines.join('\n'), spans, added, unclosed }
}

function offsetOf(lines: readonly string[], line: number, column: number): number {
  let offset = 0
  for (let i = 0; i < line; i++) offset += lines[i]!.length + 1
  return offset + column
}

/**
 * Undo {@link protectDollarMath} inside one formula's TeX: drop the added indentation and the
 * `%` that stood in for blank lines, so the TeX (and its annotation) reads as the author wrote it.
 *
 * @param tex The value of a `$$…$$` span as parsed from the rewritten text.
 */
export function restoreDollarMath(tex: string): string {
  return tex
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.startsWith(INDENT) ? line.slice(INDENT.length) : line))
    .map((line, i) => (i > 0 && line === '%' ? '' : line))
    .join('\n')
}

/**
 * Make positions read from the rewritten text point into the original again: lines never
 * moved, so only the columns of indented lines and every offset are corrected. Other stages
 * slice the page's own text with these offsets.
 *
 * @param tree A tree parsed from the rewritten text; its positions are changed in place.
 * @param original The text before {@link protectDollarMath}.
 * @param added Characters added at the start of each line.
 */
export function restorePositions(tree: Node, original: string, added: readonly number[]): void {
  if (!added.some((n) => n !== 0)) return
  const starts = [0]
  for (let i = 0; i < original.length; i++) if (original.charCodeAt(i) === 10) starts.push(i + 1)
  const fix = (point: Point | undefined) => {
    if (!point) return
    const line = point.line - 1
    const length = (starts[line + 1] ?? original.length + 1) - 1 - starts[line]!
    point.column = Math.min(Math.max(1, point.column - (added[line] ?? 0)), length + 1)
    point.offset = starts[line]! + point.column - 1
  }
  const walk = (node: Node) => {
    fix(node.position?.start)
    fix(node.position?.end)
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Node[]) walk(child)
  }
  walk(tree)
}
