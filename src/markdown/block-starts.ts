/**
 * Recognisers for the one-line openings of CommonMark blocks, written to decide exactly as
 * micromark (remark-parse) does: fences, ATX headings, thematic breaks, setext underlines,
 * HTML blocks, GFM table rows, list items, block quotes and GFM footnote definitions.
 *
 * Every function reads a line whose tabs are already expanded to spaces (tab stops of four
 * columns, as micromark counts them), from an index just after the container prefixes.
 */

/** The line with each tab replaced by the spaces up to the next tab stop. */
export function expandTabs(line: string): string {
  let out = ''
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\t') out += ' '.repeat(4 - (out.length % 4))
    else out += line[i]
  }
  return out
}

/** Index in the raw line of the character at an index of its expanded form. */
export function rawIndex(line: string, expanded: number): number {
  if (!line.includes('\t')) return expanded
  let column = 0
  for (let i = 0; i < line.length; i++) {
    if (column >= expanded) return i
    column = line[i] === '\t' ? column + 4 - (column % 4) : column + 1
  }
  return line.length
}

/** Spaces at an index. */
export function indentAt(s: string, p: number): number {
  let i = p
  while (s.charCodeAt(i) === 32) i++
  return i - p
}

/** Whether nothing but spaces follows an index. */
export function blankFrom(s: string, p: number): boolean {
  return indentAt(s, p) === s.length - p
}

/** An opening code fence. */
export interface FenceStart {
  /** `` ` `` or `~`, as a character code. */
  readonly marker: number
  /** Length of the fence sequence. */
  readonly size: number
  /** Index just after the sequence, where the info string begins. */
  readonly infoStart: number
}

/** The code fence opening at an index, if one does. */
export function fenceStart(s: string, q: number): FenceStart | undefined {
  const marker = s.charCodeAt(q)
  if (marker !== 96 && marker !== 126) return undefined
  let i = q
  while (s.charCodeAt(i) === marker) i++
  if (i - q < 3) return undefined
  // A backtick fence's info string may not hold a backtick: the line is inline code instead.
  if (marker === 96 && s.indexOf('`', i) >= 0) return undefined
  return { marker, size: i - q, infoStart: i }
}

/** Whether the line closes a fence of the given marker and size (`q` after up to three spaces). */
export function fenceEnd(s: string, q: number, marker: number, size: number): boolean {
  let i = q
  while (s.charCodeAt(i) === marker) i++
  return i - q >= size && blankFrom(s, i)
}

/** Whether an ATX heading opens at an index. */
export function atxHeading(s: string, q: number): boolean {
  let i = q
  while (s.charCodeAt(i) === 35 && i - q < 7) i++
  const n = i - q
  return n >= 1 && n <= 6 && (i === s.length || s.charCodeAt(i) === 32)
}

/** Whether the rest of the line is a thematic break. */
export function thematicBreak(s: string, q: number): boolean {
  const marker = s[q]
  if (marker !== '*' && marker !== '-' && marker !== '_') return false
  let count = 0
  for (let i = q; i < s.length; i++) {
    if (s[i] === marker) count++
    else if (s[i] !== ' ') return false
  }
  return count >= 3
}

/** Whether the rest of the line is a setext heading underline. */
export function setextUnderline(s: string, q: number): boolean {
  const marker = s.charCodeAt(q)
  if (marker !== 61 && marker !== 45) return false
  let i = q
  while (s.charCodeAt(i) === marker) i++
  return blankFrom(s, i)
}

// CommonMark's block-level tag names (micromark-util-html-tag-name).
const BLOCK_NAMES = new Set(
  'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul'.split(' '),
)
const RAW_NAMES = new Set(['pre', 'script', 'style', 'textarea'])
/** An attribute of an HTML tag, with the whitespace before it, as micromark reads one (a regular expression's source). */
export const ATTRIBUTE = `[ \\t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \\t]*=[ \\t]*(?:[^ \\t"'=<>\`/]+|'[^']*'|"[^"]*"))?`
const COMPLETE_TAG = new RegExp(`^(?:<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*[ ]*/?>|</[A-Za-z][A-Za-z0-9-]*[ ]*>)[ ]*$`)

/**
 * The kind (1–7, numbered as in CommonMark) of the HTML block opening at an index, or 0.
 *
 * @param interrupt Whether the line would interrupt a paragraph (kind 7 cannot, unless lazy).
 * @param lazy Whether the line is a lazy continuation line.
 */
export function htmlStart(s: string, q: number, interrupt: boolean, lazy: boolean): number {
  if (s[q] !== '<') return 0
  const c = s[q + 1]
  if (c === '!') {
    if (s.startsWith('--', q + 2)) return 2
    if (s.startsWith('[CDATA[', q + 2)) return 5
    return /[A-Za-z]/.test(s[q + 2] ?? '') ? 4 : 0
  }
  if (c === '?') return 3
  const closing = c === '/'
  const nameStart = q + (closing ? 2 : 1)
  if (!/[A-Za-z]/.test(s[nameStart] ?? '')) return 0
  let i = nameStart
  while (/[A-Za-z0-9-]/.test(s[i] ?? '')) i++
  const after = s[i]
  if (after !== undefined && after !== ' ' && after !== '>' && after !== '/') return 0
  const name = s.slice(nameStart, i).toLowerCase()
  if (!closing && after !== '/' && RAW_NAMES.has(name)) return 1
  if (BLOCK_NAMES.has(name)) return after !== '/' || s[i + 1] === '>' ? 6 : 0
  if (interrupt && !lazy) return 0
  return COMPLETE_TAG.test(s.slice(q)) ? 7 : 0
}

const HTML_ENDS: Record<number, RegExp> = { 1: /<\/(?:script|pre|style|textarea)>/i, 2: /-->/, 3: /\?>/, 4: />/, 5: /\]\]>/ }

/**
 * Whether an HTML block of kind 1–5 ends on this line.
 *
 * @param from Where to look: just after the opening `<!--`, `<?`, `<!X` on the first line.
 * @param first Whether this is the block's first line (`<!-->`, `<!--->` and `<?>` end at once).
 */
export function htmlEnds(s: string, from: number, kind: number, first: boolean): boolean {
  if (first && (kind === 2 || kind === 3)) {
    const rest = s.slice(from)
    if (rest.startsWith('>') || (kind === 2 && rest.startsWith('->'))) return true
  }
  return HTML_ENDS[kind]!.test(s.slice(from))
}

/** Index just after the opening of an HTML block of kind 1–5, where its end is looked for. */
export function htmlBody(s: string, q: number, kind: number): number {
  return q + (kind === 2 ? 4 : kind === 5 ? 9 : 2)
}

/** Cells of a GFM table row (pipes at the ends do not make cells), or 0 when it cannot head a table. */
export function tableRowCells(s: string, q: number): number {
  const row = s.slice(q).trim()
  if (row === '' || row === '|') return 0
  const inner = row.replace(/^\|/, '').replace(/(?<!\\)\|$/, '')
  return inner.split(/(?<!\\)\|/).length
}

const DELIMITER = /^\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$/

/** Cells of a GFM table delimiter row (`|---|:--:|`), or 0 when the rest of the line is not one. */
export function delimiterCells(s: string, p: number): number {
  const indent = indentAt(s, p)
  if (indent > 3) return 0
  const row = s.slice(p + indent)
  if (!DELIMITER.test(row) || !/[|:]/.test(row)) return 0
  return row.match(/-+/g)!.length
}

/** A list item opened on a line. */
export interface ListStart {
  readonly ordered: boolean
  /** `-`, `*`, `+`, `.` or `)`, as a character code. */
  readonly marker: number
  /** Columns a following line must be indented by to belong to the item. */
  readonly size: number
  /** Whether the item's first line is empty. */
  readonly blank: boolean
  /** Index where the item's content begins. */
  readonly next: number
}

/**
 * The list item opening at an index (after up to three spaces), as micromark decides it.
 *
 * @param interrupt Whether the item would interrupt a paragraph: then it may not be empty and
 *   an ordered one must be `1.` or `1)`.
 * @param sibling The list the item must continue (same kind and marker), if any.
 */
export function listStart(s: string, p: number, interrupt: boolean, sibling?: { ordered: boolean; marker: number }): ListStart | undefined {
  const pre = Math.min(indentAt(s, p), 3)
  let q = p + pre
  const c = s.charCodeAt(q)
  const bullet = c === 42 || c === 43 || c === 45
  const digit = c >= 48 && c <= 57
  if (sibling ? (sibling.ordered ? !digit : c !== sibling.marker) : !bullet && !digit) return undefined
  let marker = c
  if (!digit) {
    if ((c === 42 || c === 45) && thematicBreak(s, q)) return undefined
    q++
  } else {
    if (interrupt && c !== 49) return undefined
    let i = q
    while (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57 && i - q < 9) i++
    marker = s.charCodeAt(i)
    if (marker !== 46 && marker !== 41) return undefined
    if (sibling && marker !== sibling.marker) return undefined
    if (interrupt && i - q > 1) return undefined
    q = i + 1
  }
  const width = q - p
  if (blankFrom(s, q)) return interrupt ? undefined : { ordered: digit, marker, size: width + 1, blank: true, next: s.length }
  const spaces = indentAt(s, q)
  if (spaces === 0) return undefined
  const used = spaces <= 4 ? spaces : 1
  return { ordered: digit, marker, size: width + used, blank: false, next: q + used }
}

/** Index where the content of a GFM footnote definition (`[^label]:`) opening at an index begins. */
export function footnoteStart(s: string, q: number): number | undefined {
  if (!s.startsWith('[^', q)) return undefined
  let i = q + 2
  let data = false
  for (; i < s.length && i - q < 1002; i++) {
    const c = s[i]
    if (c === '\\' && /[[\]\\]/.test(s[i + 1] ?? '')) {
      i++
      data = true
    } else if (c === ']') break
    else if (c === '[' || c === ' ') return undefined
    else data = true
  }
  if (s[i] !== ']' || !data || s[i + 1] !== ':') return undefined
  return i + 2 + indentAt(s, i + 2)
}
