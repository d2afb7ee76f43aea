/**
 * Where a piece of a node's text sits in the source, for messages about part of a text node.
 */
import type { Point } from 'unist'

/**
 * The line and column of the text that follows `before` inside a node starting at `start`.
 *
 * @param start Where the node starts in the source (undefined when it was generated).
 * @param before The node's text up to the piece of interest.
 */
export function placeAfter(start: Point | undefined, before: string): { line: number; column: number } | undefined {
  if (!start) return undefined
  const lines = before.split('\n')
  return lines.length === 1 ? { line: start.line, column: start.column + before.length } : { line: start.line + lines.length - 1, column: lines.at(-1)!.length + 1 }
}
