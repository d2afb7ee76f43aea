/**
 * remark plugin: math inside raw HTML, typeset at build time as MathJax typeset it in the browser.
 *
 * Figure captions and HTML tables hold `$…$`, `$$…$$` and `\(…\)`; CommonMark keeps raw HTML as
 * an opaque string, so remark-math never sees that math. MathJax scanned the page's text, so it
 * did. This plugin scans the text between tags of each raw HTML node and wraps each formula in
 * the same `<code class="language-math math-…">` element remark-math makes, so KaTeX typesets it
 * with the rest. Text inside `<code>`, `<pre>`, `<script>`, `<style>`, `<textarea>` and `<math>`
 * and attribute values are never touched (MathJax skips them too); `\$` stays a dollar.
 */
import type { Root, Html } from 'mdast'
import { visit } from '../markdown/visit.js'

/** Options for {@link remarkHtmlMath}. */
export interface Options {
  /** Whether `$…$` is inline math in raw HTML, as on the MathJax site; default `true`. */
  readonly singleDollar?: boolean
}

const SKIP = new Set(['code', 'pre', 'script', 'style', 'textarea', 'math', 'svg'])
const TAG = /<!--[\s\S]*?-->|<\/?([A-Za-z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&')
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The delimiters that pair with a closing one: opening, closing, display. */
const PAIRS = [
  ['$$', '$$', true],
  ['\\[', '\\]', true],
  ['\\(', '\\)', false],
] as const

/** Characters `.` does not match in a regular expression: a single-dollar formula stops at them after `\`. */
const LINE_END = /[\n\r\u2028\u2029]/

/**
 * Where the content of a `$…$` formula opening at `at` ends (at the closing `$`), or -1. Its
 * content is escapes (`\` and a character) and anything but `$` and `\`, at least one.
 */
function singleEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i]
    if (c === '$') return i > at + 1 ? i : -1
    if (c === '\\') {
      if (i + 1 >= text.length || LINE_END.test(text[i + 1]!)) return -1
      i++
    }
  }
  return -1
}

/**
 * Wrap the formulas of one stretch of HTML text. Delimiters are tried at each place in the order
 * `\$`, `$$…$$`, `\[…\]`, `\(…\)`, `$…$`, the shortest formula winning; a closing delimiter is
 * looked for only where one remains, so unclosed openings cost no time each.
 */
function wrapMath(text: string, single: boolean): string {
  const last = new Map(PAIRS.map(([, close]) => [close, text.lastIndexOf(close)]))
  let out = ''
  let copied = 0
  const replace = (from: number, to: number, by: string) => {
    out += text.slice(copied, from) + by
    copied = to
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c !== '$' && c !== '\\') continue
    if (text.startsWith('\\$', i)) {
      // MathJax's processEscapes: `\$` shows a dollar.
      replace(i, i + 2, '$')
      i++
      continue
    }
    // The formula's content runs from `from` to `to`; the text after it resumes at `next`.
    let found: { from: number; to: number; next: number; display: boolean } | undefined
    const pair = PAIRS.find(([open]) => text.startsWith(open, i))
    if (pair && last.get(pair[1])! >= i + 3) {
      const to = text.indexOf(pair[1], i + 3)
      found = { from: i + 2, to, next: to + 2, display: pair[2] }
    } else if (single && c === '$') {
      const to = singleEnd(text, i)
      if (to >= 0) found = { from: i + 1, to, next: to + 1, display: false }
    }
    if (!found) continue
    const tex = decode(text.slice(found.from, found.to).trim())
    if (tex !== '') replace(i, found.next, `<code class="language-math math-${found.display ? 'display' : 'inline'}">${escape(tex)}</code>`)
    i = found.next - 1
  }
  return out + text.slice(copied)
}

/**
 * Typeset math in raw HTML.
 *
 * @param options Whether single dollars delimit math.
 */
export default function remarkHtmlMath(options: Readonly<Options> = {}) {
  const single = options.singleDollar ?? true
  return function transform(tree: Root): void {
    // Open skipped elements carry over from one raw HTML node to the next (`<pre>` … `</pre>`).
    const open: string[] = []
    visit(tree, 'html', (node: Html) => {
      if (!/\$|\\\(|\\\[/.test(node.value) && !/<\/?(code|pre|script|style|textarea|math|svg)\b/i.test(node.value)) return
      let out = ''
      let at = 0
      const flush = (end: number) => {
        const text = node.value.slice(at, end)
        out += open.length === 0 ? wrapMath(text, single) : text
      }
      for (const m of node.value.matchAll(TAG)) {
        flush(m.index)
        out += m[0]
        at = m.index + m[0].length
        const name = m[1]?.toLowerCase()
        if (!name || !SKIP.has(name) || m[0].endsWith('/>')) continue
        if (m[0].startsWith('</')) {
          const i = open.lastIndexOf(name)
          if (i >= 0) open.splice(i)
        } else open.push(name)
      }
      flush(node.value.length)
      node.value = out
    })
  }
}
