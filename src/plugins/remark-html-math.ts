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
const DELIMITED = /\\\$|\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$((?:\\.|[^$\\])+?)\$/g
const DELIMITED_NO_SINGLE = /\\\$|\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)/g

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&nbsp;/g, '\u00a0').replace(/&amp;/g, '&')
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Wrap the formulas of one stretch of HTML text. */
function wrapMath(text: string, single: boolean): string {
  return text.replace(single ? DELIMITED : DELIMITED_NO_SINGLE, (all, dd?: string, br?: string, pa?: string, sd?: string) => {
    // MathJax's processEscapes: `\$` shows a dollar.
    if (all === '\\$') return '$'
    const display = dd !== undefined || br !== undefined
    const tex = decode((dd ?? br ?? pa ?? sd)!.trim())
    if (tex === '') return all
    return `<code class="language-math math-${display ? 'display' : 'inline'}">${escape(tex)}</code>`
  })
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
