/**
 * The lines of a source as the scanner reads them: a comment already found hides its text,
 * so a line it ends on begins after `-->` and the lines inside it are empty, exactly as the
 * blanked text the parser receives.
 */
import type { BlockTracker, LineInfo } from './blocks.js'
import { backtickRuns, type LaterRuns } from './inline-scan.js'

const LINE_ENDING = /\r\n|\r|\n/g

/** A source's lines, with the part hidden by the comments found so far taken out. */
export class Lines {
  private readonly starts: number[] = [0]
  private readonly ends: number[] = []
  private hidden: number

  /** @param text The source. */
  constructor(private readonly text: string) {
    for (const m of text.matchAll(LINE_ENDING)) {
      this.ends.push(m.index)
      this.starts.push(m.index + m[0].length)
    }
    this.ends.push(text.length)
    // micromark drops a byte order mark before reading the first line.
    this.hidden = text.charCodeAt(0) === 0xfeff ? 1 : 0
  }

  /** How many lines there are. */
  get count(): number {
    return this.ends.length
  }

  /** Offset where line `n` (0-based) begins. */
  start(n: number): number {
    return this.starts[n]!
  }

  /** Offset where line `n`'s text ends, before its line ending. */
  end(n: number): number {
    return this.ends[n]!
  }

  /** Offset where what is left of line `n` begins. */
  base(n: number): number {
    return Math.min(Math.max(this.starts[n]!, this.hidden), this.ends[n]!)
  }

  /** What is left of line `n` once hidden text is taken out ('' for a line inside a comment). */
  effective(n: number): string {
    return this.text.slice(this.base(n), this.ends[n])
  }

  /** The line after line `n` as the parser will see it, its comments taken out; undefined at the end. */
  peek(n: number): string | undefined {
    if (n + 1 >= this.count) return undefined
    const line = this.effective(n + 1)
    return line.includes('<!--') ? line.replace(/<!--.*?(?:-->|$)/g, (m) => ' '.repeat(m.length)) : line
  }

  /** Hide the text before an offset (a comment running across lines ends there). */
  hide(offset: number): void {
    this.hidden = Math.max(this.hidden, offset)
  }
}

/**
 * The backtick runs on the later lines of a paragraph, for code spans that close on a later
 * line than they open: read ahead once per paragraph, forgotten when a comment changes the text.
 */
export class ParagraphRuns {
  private cache: { readonly id: number; readonly runs: Map<number, { line: number; end: number }[]> } | undefined

  /** @param lines The source's lines. */
  constructor(private readonly lines: Lines) {}

  /** Forget what was read ahead. */
  invalidate(): void {
    this.cache = undefined
  }

  /**
   * Where backtick runs close after line `n`, for a paragraph line.
   *
   * @param state The block structure just after line `n`.
   * @param info What line `n` is.
   */
  later(state: BlockTracker, n: number, info: LineInfo): LaterRuns | undefined {
    if (info.kind !== 'text') return undefined
    return (length) => {
      if (this.cache?.id !== info.block) this.cache = { id: info.block, runs: this.collect(state, n, info.block) }
      const list = this.cache.runs.get(length)
      if (!list) return undefined
      let lo = 0
      let hi = list.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (list[mid]!.line <= n) lo = mid + 1
        else hi = mid
      }
      const found = list[lo]
      return found && { line: found.line - n, end: found.end }
    }
  }

  private collect(state: BlockTracker, n: number, id: number): Map<number, { line: number; end: number }[]> {
    const probe = state.clone()
    const runs = new Map<number, { line: number; end: number }[]>()
    let k = n + 1
    const next = () => this.lines.peek(k)
    for (; k < this.lines.count; k++) {
      const line = this.lines.effective(k)
      const info = probe.feed(line, next)
      if (info.kind !== 'text' || info.block !== id) break
      for (const [length, end] of backtickRuns(line)) {
        const list = runs.get(length) ?? []
        list.push({ line: k, end })
        runs.set(length, list)
      }
    }
    return runs
  }
}
