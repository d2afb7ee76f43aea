/**
 * The shapes the block tracker (blocks.ts) works with: the containers and leaf blocks it keeps
 * open, and what it says of each line.
 */

export interface List {
  readonly kind: 'list'
  readonly ordered: boolean
  readonly marker: number
  size: number
  initialBlank: boolean
  furtherBlank: boolean
}
export type Container = { readonly kind: 'quote' } | { readonly kind: 'footnote' } | List

export type Leaf =
  | { readonly kind: 'paragraph'; readonly id: number }
  | { readonly kind: 'table'; delimiterNext: boolean }
  | { readonly kind: 'fence'; readonly id: number; readonly marker: number; readonly size: number; readonly line: number; readonly column: number }
  | { readonly kind: 'indented' }
  | { readonly kind: 'html'; readonly html: number }

/**
 * What a line is: `code` (inside fenced or indented code), `fence` (a fence's opening or closing
 * line), `text` (a paragraph's line), `inline` (a heading or table row: inline content on one
 * line), `html` (an HTML block's line), `blank`, or `other` (thematic break, underline, delimiter row).
 */
export type LineKind = 'blank' | 'code' | 'fence' | 'text' | 'inline' | 'html' | 'other'

/** What {@link BlockTracker.feed} found a line to be. */
export interface LineInfo {
  readonly kind: LineKind
  /** The paragraph (`text`) or fenced block (`code`, `fence`) the line belongs to; 0 otherwise and for indented code. */
  readonly block: number
  /** On a fence's opening line: index in the line where its info string begins. */
  readonly info?: number
}

/** Where a fence that was never closed opens (1-based). */
export interface Place {
  readonly line: number
  readonly column: number
}

export const info = (kind: LineKind, block = 0): LineInfo => ({ kind, block })
export const BLANK = info('blank')
export const OTHER = info('other')
export const INLINE = info('inline')
export const HTML = info('html')
export const INDENTED = info('code')
