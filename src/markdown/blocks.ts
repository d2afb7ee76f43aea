/**
 * Block structure of markdown, line by line, as micromark (remark-parse with GFM) builds it:
 * which lines are code, which are paragraph text, where fences open and close.
 *
 * The source pre-passes (comments, kramdown `$$`) must agree with the parser about code, or a
 * draft hidden in `<!-- … -->` after a fence the parser does not see is published. So this
 * follows micromark's document tokenizer rule for rule: block quotes, list items (their
 * indentation, siblings, the at-most-one-blank-line start), GFM footnote definitions, lazy
 * paragraph lines, what may interrupt a paragraph, fenced and indented code, HTML blocks and
 * GFM tables. Inline content is not its business.
 */
import {
  atxHeading, blankFrom, delimiterCells, expandTabs, fenceEnd, fenceStart, footnoteStart, htmlBody, htmlEnds, htmlStart,
  indentAt, listStart, rawIndex, setextUnderline, tableRowCells, thematicBreak,
} from './block-starts.js'

import { BLANK, HTML, INDENTED, INLINE, OTHER, info, type Container, type Leaf, type LineInfo, type List, type Place } from './block-types.js'

export type { LineInfo, LineKind, Place } from './block-types.js'

/** Follows the block structure of a markdown text fed to it one line at a time. */
export class BlockTracker {
  // Copies share the stack until one of them changes it: looking ahead or keeping a snapshot
  // then costs nothing however deep the lists and quotes are nested.
  private stack: Container[] = []
  private owned = true
  private leaf: Leaf | undefined
  private line = 0
  private ids = 0
  private sibling = false
  private fences: Place[] = []
  private fenceCount = 0

  /** An independent copy, to look ahead or to go back to. */
  clone(): BlockTracker {
    const copy = new BlockTracker()
    copy.stack = this.stack
    this.owned = copy.owned = false
    copy.leaf = this.leaf && { ...this.leaf }
    copy.line = this.line
    copy.ids = this.ids
    copy.fences = this.fences
    copy.fenceCount = this.fenceCount
    return copy
  }

  /** Fences that ended without a closing fence (at the end of their container or of the text). */
  get unclosed(): Place[] {
    return this.fences.slice(0, this.fenceCount)
  }

  /** The open fenced block's number, or 0. */
  get fence(): number {
    return this.leaf?.kind === 'fence' ? this.leaf.id : 0
  }

  /**
   * Take the next line.
   *
   * @param raw The line without its line ending.
   * @param peek Gives the line after it, as the parser will see it (a table needs its delimiter row).
   */
  feed(raw: string, peek?: () => string | undefined): LineInfo {
    this.line++
    const s = raw.includes('\t') ? expandTabs(raw) : raw
    let p = 0
    let continued = 0
    while (continued < this.stack.length) {
      const q = this.continueContainer(continued, s, p, true)
      if (q < 0) break
      p = q
      continued++
      if (this.sibling) {
        // A new item of the same list: what the last one held is over.
        this.sibling = false
        this.closeLeaf()
        this.stack = this.stack.slice(0, continued)
      }
    }
    const all = continued === this.stack.length
    const leaf = this.leaf
    if (all && (leaf?.kind === 'fence' || leaf?.kind === 'html')) return this.concrete(s, p, leaf)
    const interrupt = all && (leaf?.kind === 'paragraph' || leaf?.kind === 'indented' || (leaf?.kind === 'table' && leaf.delimiterNext))
    let opened = false
    for (let next = this.openContainer(s, p, interrupt); next; next = this.openContainer(s, p, interrupt)) {
      if (!opened) {
        this.closeLeaf()
        this.stack = this.stack.slice(0, continued)
        opened = true
      }
      this.own().push(next.container)
      continued++
      p = next.p
    }
    return this.flow(s, raw, p, !opened && !all, continued, peek)
  }

  /** Close what is still open at the end of the text. */
  end(): void {
    this.closeLeaf()
    this.stack = []
  }

  /** The stack, made this tracker's own to be changed. */
  private own(): Container[] {
    if (!this.owned) {
      this.stack = this.stack.map((c) => ({ ...c }))
      this.owned = true
    }
    return this.stack
  }

  private closeLeaf(): void {
    if (this.leaf?.kind === 'fence') {
      if (this.fences.length !== this.fenceCount) this.fences = this.fences.slice(0, this.fenceCount)
      this.fences.push({ line: this.leaf.line, column: this.leaf.column })
      this.fenceCount++
    }
    this.leaf = undefined
  }

  /**
   * Whether line `s` goes on in container `i`: the index after its prefix, or -1.
   *
   * @param apply Whether to record what the line does to a list item (else only look).
   */
  private continueContainer(i: number, s: string, p: number, apply: boolean): number {
    const c = this.stack[i]!
    if (c.kind === 'quote') {
      const n = indentAt(s, p)
      if (n >= 4 || s.charCodeAt(p + n) !== 62) return -1
      return p + n + (s.charCodeAt(p + n + 1) === 32 ? 2 : 1)
    }
    if (c.kind === 'footnote') return blankFrom(s, p) ? p : indentAt(s, p) >= 4 ? p + 4 : -1
    const blank = blankFrom(s, p)
    const item = blank || (!c.furtherBlank && indentAt(s, p) >= c.size) ? undefined : listStart(s, p, false, c)
    if (!blank && !item && (c.furtherBlank || indentAt(s, p) < c.size)) {
      if (apply && (c.furtherBlank || c.initialBlank)) this.setList(i, { furtherBlank: false, initialBlank: false })
      return -1
    }
    if (!apply) return item ? -1 : blank ? s.length : p + c.size
    if (blank) {
      if (c.initialBlank && !c.furtherBlank) this.setList(i, { furtherBlank: true })
      return s.length
    }
    if (!item) {
      if (c.furtherBlank || c.initialBlank) this.setList(i, { furtherBlank: false, initialBlank: false })
      return p + c.size
    }
    this.setList(i, { furtherBlank: false, initialBlank: item.blank, size: item.size })
    this.sibling = true
    return item.next
  }

  /** Change list item `i` (only when something changes: the stack may be shared). */
  private setList(i: number, change: Partial<Pick<List, 'size' | 'initialBlank' | 'furtherBlank'>>): void {
    Object.assign(this.own()[i]!, change)
  }

  private openContainer(s: string, p: number, interrupt: boolean): { container: Container; p: number } | undefined {
    const n = indentAt(s, p)
    if (n >= 4) return undefined
    const q = p + n
    const c = s.charCodeAt(q)
    if (c === 62) return { container: { kind: 'quote' }, p: q + (s.charCodeAt(q + 1) === 32 ? 2 : 1) }
    if (c === 91) {
      const next = footnoteStart(s, q)
      return next === undefined ? undefined : { container: { kind: 'footnote' }, p: next }
    }
    const item = listStart(s, p, interrupt)
    if (!item) return undefined
    return { container: { kind: 'list', ordered: item.ordered, marker: item.marker, size: item.size, initialBlank: item.blank, furtherBlank: false }, p: item.next }
  }

  /** A line inside a fenced block or HTML block whose containers all go on. */
  private concrete(s: string, p: number, leaf: Leaf & { kind: 'fence' | 'html' }): LineInfo {
    if (leaf.kind === 'fence') {
      const n = indentAt(s, p)
      if (n < 4 && fenceEnd(s, p + n, leaf.marker, leaf.size)) {
        this.leaf = undefined
        return info('fence', leaf.id)
      }
      return info('code', leaf.id)
    }
    if (leaf.html >= 6) {
      if (!blankFrom(s, p)) return HTML
      this.leaf = undefined
      return BLANK
    }
    if (htmlEnds(s, p, leaf.html, false)) this.leaf = undefined
    return HTML
  }

  private flow(s: string, raw: string, p: number, lazy: boolean, continued: number, peek: (() => string | undefined) | undefined): LineInfo {
    const leaf = this.leaf
    const n = indentAt(s, p)
    const blank = p + n === s.length
    if (leaf?.kind === 'paragraph' && !blank) {
      if (n >= 4) return info('text', leaf.id)
      if (!lazy && setextUnderline(s, p + n)) {
        this.leaf = undefined
        return OTHER
      }
      const by = this.opens(s, p + n, true, lazy) ?? (this.tableAhead(s, p + n, peek) ? 'table' : undefined)
      if (!by) return info('text', leaf.id)
      if (lazy && (by === 'table' || by === 'html7')) {
        // micromark settles these two only on the next line, so the containers stay open
        // until then: that line is lazy, or not, against all of them.
        this.leaf = by === 'table' ? { kind: 'table', delimiterNext: true } : { kind: 'html', html: 7 }
        return by === 'table' ? INLINE : HTML
      }
    } else if (leaf?.kind === 'table' && !lazy) {
      if (leaf.delimiterNext) {
        leaf.delimiterNext = false
        return OTHER
      }
      if (!blank && n < 4 && !this.opens(s, p + n, false, false)) return INLINE
    } else if (leaf?.kind === 'indented' && !lazy) {
      if (blank) return BLANK
      if (n >= 4) return INDENTED
    }
    if (lazy) this.stack = this.stack.slice(0, continued)
    this.closeLeaf()
    return this.fresh(s, raw, p, lazy, peek)
  }

  /** A line that starts a new block where nothing is open. */
  private fresh(s: string, raw: string, p: number, lazy: boolean, peek: (() => string | undefined) | undefined): LineInfo {
    const n = indentAt(s, p)
    if (p + n === s.length) return BLANK
    if (n >= 4) {
      // micromark asks at the end of the line whether it was lazy, so indented code begun on a
      // lazy line ends with it.
      if (!lazy) this.leaf = { kind: 'indented' }
      return INDENTED
    }
    const q = p + n
    const fence = fenceStart(s, q)
    if (fence) {
      const id = ++this.ids
      this.leaf = { kind: 'fence', id, marker: fence.marker, size: fence.size, line: this.line, column: rawIndex(raw, q) + 1 }
      return { kind: 'fence', block: id, info: rawIndex(raw, fence.infoStart) }
    }
    if (atxHeading(s, q)) return INLINE
    if (thematicBreak(s, q)) return OTHER
    const html = htmlStart(s, q, false, lazy)
    if (html) {
      if (html >= 6 || !htmlEnds(s, htmlBody(s, q, html), html, true)) this.leaf = { kind: 'html', html }
      return HTML
    }
    if (this.tableAhead(s, q, peek)) {
      this.leaf = { kind: 'table', delimiterNext: true }
      return INLINE
    }
    this.leaf = { kind: 'paragraph', id: ++this.ids }
    return info('text', this.leaf.id)
  }

  /** The block other than a paragraph that a line opens (`q` after its indentation); `html7` for an HTML block of kind 7. */
  private opens(s: string, q: number, interrupt: boolean, lazy: boolean): 'block' | 'html7' | undefined {
    if (fenceStart(s, q) !== undefined || atxHeading(s, q) || thematicBreak(s, q)) return 'block'
    const html = htmlStart(s, q, interrupt, lazy)
    return html === 7 ? 'html7' : html ? 'block' : undefined
  }

  /** Whether the line heads a GFM table: the next line, inside the same containers, is its delimiter row. */
  private tableAhead(s: string, q: number, peek: (() => string | undefined) | undefined): boolean {
    const next = peek?.()
    // Most lines are no table head: a delimiter row has a `-` and a `|` or `:`.
    if (next === undefined || !next.includes('-') || !/[|:]/.test(next)) return false
    const cells = tableRowCells(s, q)
    if (!cells) return false
    const t = next.includes('\t') ? expandTabs(next) : next
    let p = 0
    for (let i = 0; i < this.stack.length && p >= 0; i++) p = this.continueContainer(i, t, p, false)
    return p >= 0 && !this.openContainer(t, p, true) && delimiterCells(t, p) === cells
  }
}
