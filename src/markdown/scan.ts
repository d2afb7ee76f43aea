/**
 * The one source scanner: where a markdown page's HTML comments, code and kramdown `$$` are,
 * read the way remark-parse will read the page once the comments are blanked out.
 *
 * Every pre-pass asks it (comments, the drafts preview, kramdown `$$` pairing), so none can
 * disagree with another or with the parser about what is code. It walks the page line by
 * line, following the block structure with {@link BlockTracker} and the inline code spans
 * with {@link nextInline}, and decides each line on the text as it will be parsed: comments
 * already found are blanked, lines inside a `$$` span are indented as the `$$` pass will
 * indent them. The rules:
 *
 * - A comment that starts inside code (fenced or indented code, a code span) is code.
 * - A comment that starts anywhere else hides everything to its `-->`, fences included.
 * - A fence that is never closed (kramdown does not see one) does not protect comments: they
 *   stay hidden, and the fence is reported.
 * - `$$` pairs as kramdown pairs it (see `math/dollars.ts`), outside code only.
 */
import { BlockTracker, type LineInfo, type Place } from './blocks.js'
import { nextInline, type InlineMode } from './inline-scan.js'
import { Lines, ParagraphRuns } from './scan-lines.js'

/** One HTML comment of the source, outside code. */
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

/** A `$$` pair: 0-based lines and the index of each `$$` in its line as written. */
export interface DollarPair {
  readonly open: { readonly line: number; readonly column: number }
  readonly close: { readonly line: number; readonly column: number }
}

/** What {@link scanSource} found. */
export interface SourceScan {
  readonly comments: CommentRange[]
  /** Paired `$$`, outside comments and code. */
  readonly dollars: DollarPair[]
  /** Each `$$` that found no partner (1-based). */
  readonly unpairedDollars: Place[]
  /** Each fence that ended without a closing fence (1-based). */
  readonly unclosedFences: Place[]
}

/** What the `$$` pass puts before each line inside a span, so the parser reads it as part of one paragraph. */
export const MATH_INDENT = '    '
const INDENT = MATH_INDENT

interface OpenMath {
  readonly line: number
  readonly column: number
  readonly block: boolean
  /** The block structure just after the opening line, to go back to when the `$$` stays text. */
  after?: BlockTracker
}

/**
 * Scan a page's markdown source.
 *
 * @param text The source (front matter already blanked).
 */
export function scanSource(text: string): SourceScan {
  const lines = new Lines(text)
  let tracker = new BlockTracker()
  const comments: CommentRange[] = []
  const dollars: DollarPair[] = []
  const unpairedDollars: Place[] = []
  const seen: string[] = []
  const shifts: number[] = []
  const fences = new Map<number, boolean>()
  const paragraphs = new ParagraphRuns(lines)
  let span: { line: number; end: number } | undefined
  let math: OpenMath | undefined
  let previousBlank = true
  // One closure for every line's look at the next one (tables need it), not one per line.
  let current = 0
  const peek = () => lines.peek(current)

  /** Record the comments of line `n` that `mode` reads as comments; returns the line with them blanked. */
  const hide = (n: number, eff: string, from: number, mode: InlineMode, state: BlockTracker, info: LineInfo): string => {
    let out = eff
    const base = lines.base(n)
    for (let ev = nextInline(eff, from, mode, paragraphs.later(state, n, info)); ev; ) {
      if (ev.kind !== 'comment') {
        if (ev.kind === 'span') break
        ev = nextInline(eff, ev.index + 2, mode, paragraphs.later(state, n, info))
        continue
      }
      const start = base + ev.index
      const close = text.indexOf('-->', start + 4)
      const end = close < 0 ? text.length : close + 3
      comments.push({ start, end, line: n + 1, column: start - lines.start(n) + 1, closed: close >= 0 })
      if (end <= lines.end(n)) {
        out = out.slice(0, ev.index) + ' '.repeat(end - start) + out.slice(end - base)
        ev = nextInline(eff, end - base, mode, paragraphs.later(state, n, info))
      } else {
        out = out.slice(0, ev.index)
        lines.hide(end)
        paragraphs.invalidate()
        break
      }
    }
    return out
  }

  /** Whether the fenced block open in `state` is closed by a closing fence. */
  const closes = (state: BlockTracker, n: number, id: number): boolean => {
    const known = fences.get(id)
    if (known !== undefined) return known
    const probe = state.clone()
    let result = false
    let k = n + 1
    const next = () => lines.peek(k)
    for (; k < lines.count; k++) {
      const info = probe.feed(lines.effective(k), next)
      if (probe.fence !== id) {
        result = info.kind === 'fence' && info.block === id
        break
      }
    }
    fences.set(id, result)
    return result
  }

  /** Blank the comments of a line outside `$$`, deciding on the structure the raw line has. */
  const feedWithComments = (n: number, eff: string): { line: string; info: LineInfo } => {
    if (!eff.includes('<!--')) return { line: eff, info: tracker.feed(eff, peek) }
    const before = tracker.clone()
    const probe = tracker.feed(eff, peek)
    let from = 0
    let mode: InlineMode = 'plain'
    if (probe.kind === 'code') from = probe.block === 0 || closes(tracker, n, probe.block) ? eff.length : 0
    else if (probe.kind === 'fence') from = probe.info ?? eff.length
    else if (probe.kind === 'text') {
      mode = 'paragraph'
      from = span === undefined ? 0 : span.line === n ? span.end : eff.length
    } else if (probe.kind === 'inline') mode = 'line'
    const line = hide(n, eff, from, mode, tracker, probe)
    if (line === eff) return { line, info: probe }
    tracker = before
    return { line, info: tracker.feed(line, peek) }
  }

  /** The `$$` of a line the parser reads as `info`, and the code span carried to later lines. */
  const pairDollars = (n: number, line: string, info: LineInfo, isProtected: boolean): void => {
    if (!math && (info.kind === 'code' || info.kind === 'fence')) {
      span = undefined
      return
    }
    // Most lines hold no `$$` and no backtick: nothing to pair, no code span to follow.
    if (math ? !line.includes('$$') : span === undefined && !line.includes('$$') && !line.includes('`')) return
    const mode: InlineMode = info.kind === 'text' ? 'paragraph' : 'line'
    let from = 0
    if (!math && span) {
      if (span.line > n) return
      from = span.line === n ? span.end : 0
    }
    span = undefined
    for (;;) {
      const ev = nextInline(line, from, math ? 'plain' : mode, paragraphs.later(tracker, n, info))
      if (!ev) return
      if (ev.kind === 'span') {
        span = { line: n + ev.line, end: ev.end }
        return
      }
      from = ev.index + (ev.kind === 'comment' ? 4 : 2)
      if (ev.kind === 'comment') continue
      if (math) {
        dollars.push({ open: { line: math.line, column: math.column }, close: { line: n, column: ev.index + shifts[n]! } })
        math = undefined
      } else {
        // kramdown's block math starts a line after a blank line and runs past blank lines.
        const block = !isProtected && /^ {0,3}$/.test(line.slice(0, ev.index)) && previousBlank
        math = { line: n, column: ev.index + shifts[n]!, block }
      }
    }
  }

  /** The `$$` opened at `math` stays text: read the lines after it again as they are. */
  const unpair = (n: number): void => {
    const open = math!
    unpairedDollars.push({ line: open.line + 1, column: open.column + 1 })
    tracker = open.after!.clone()
    for (let k = open.line + 1; k < n; k++) tracker.feed(seen[k]!, () => seen[k + 1] ?? lines.peek(k))
    math = undefined
    span = undefined
    fences.clear()
    paragraphs.invalidate()
  }

  for (let n = 0; n < lines.count; n++) {
    const eff = lines.effective(n)
    current = n
    shifts[n] = lines.base(n) - lines.start(n)
    let line: string
    let info: LineInfo
    // Lines inside a `$$` span reach the parser indented (see math/dollars.ts).
    let isProtected = math !== undefined
    if (math) {
      line = eff.includes('<!--') ? hide(n, eff, 0, 'plain', tracker, OTHER_INFO) : eff
      if (line.trim() !== '') info = tracker.feed(INDENT + line, peek)
      else if (math.block) info = tracker.feed(INDENT + '%')
      else {
        unpair(n)
        isProtected = false
        info = tracker.feed(line, peek)
      }
    } else ({ line, info } = feedWithComments(n, eff))
    seen[n] = line
    pairDollars(n, line, info, isProtected)
    if (math?.line === n) math.after = tracker.clone()
    previousBlank = !isProtected && line.trim() === ''
  }
  if (math) unpair(lines.count)
  tracker.end()
  // A fence may open on what is left of a line after a comment: point into the line as written.
  const unclosedFences = tracker.unclosed.map((p) => ({ line: p.line, column: p.column + shifts[p.line - 1]! }))
  return { comments, dollars, unpairedDollars, unclosedFences }
}

const OTHER_INFO: LineInfo = { kind: 'other', block: 0 }
