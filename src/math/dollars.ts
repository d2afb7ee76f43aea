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
import { MATH_INDENT as INDENT, scanSource } from '../markdown/scan.js'

/** One `$$…$$` span found in the source. */
export interface DollarSpan {
  /** Offset of the opening `$$` in the rewritten text. */
  readonly start: number
  /** Offset just after the closing `$$` in the rewritten text. */
  readonly end: number
}

/**
 * Rewrite markdown so that every kramdown `$$…$$` span parses as one inline math run.
 *
 * Which `$$` pair is the source scanner's business (`markdown/scan.ts`): outside code, the
 * way the parser will see the rewritten text.
 *
 * @param text The markdown source (comments already blanked).
 * @returns The rewritten text (same lines), the spans in offsets of the rewritten text, and how
 *   many characters were added at the start of each line (for {@link restorePositions}), and
 *   where each `$$` that found no partner stands (it stays text).
 */
export function protectDollarMath(text: string): { text: string; spans: DollarSpan[]; added: number[]; unclosed: { line: number; column: number }[] } {
  if (!text.includes('$$')) return { text, spans: [], added: [], unclosed: [] }
  const scan = scanSource(text)
  const parts = text.split(/(\r\n|\r|\n)/)
  const lines = parts.filter((_, i) => i % 2 === 0)
  const added = lines.map(() => 0)
  for (const pair of scan.dollars) {
    for (let n = pair.open.line + 1; n <= pair.close.line; n++) {
      // kramdown's block math runs past blank lines; a lone TeX comment keeps the paragraph going.
      const line = lines[n]!.trim() === '' ? INDENT + '%' : INDENT + lines[n]
      added[n] = line.length - lines[n]!.length
      lines[n] = line
    }
  }
  const starts: number[] = []
  let out = ''
  lines.forEach((line, n) => {
    starts.push(out.length)
    out += line + (parts[2 * n + 1] ?? '')
  })
  const spans = scan.dollars.map((p) => ({ start: starts[p.open.line]! + added[p.open.line]! + p.open.column, end: starts[p.close.line]! + added[p.close.line]! + p.close.column + 2 }))
  return { text: out, spans, added, unclosed: scan.unpairedDollars }
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
  const ends: number[] = []
  for (const m of original.matchAll(/\r\n|\r|\n/g)) {
    ends.push(m.index)
    starts.push(m.index + m[0].length)
  }
  const fix = (point: Point | undefined) => {
    if (!point) return
    const line = point.line - 1
    const length = (ends[line] ?? original.length) - starts[line]!
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
