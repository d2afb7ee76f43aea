/**
 * Math in raw HTML (src/plugins/remark-html-math.ts): delimiters pair as MathJax's scanner
 * pairs them. (That unclosed openings cost no time, however many, is tested on a whole build in
 * test/math-limits.test.ts.)
 */
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import type { Html, Root } from 'mdast'
import { describe, expect, it } from 'vitest'
import remarkHtmlMath from '../src/plugins/remark-html-math.js'

/** The raw HTML of a markdown document after the plugin. */
async function wrapped(html: string, singleDollar = true): Promise<string> {
  const processor = unified().use(remarkParse).use(remarkHtmlMath, { singleDollar })
  const tree = (await processor.run(processor.parse(html))) as Root
  return tree.children.map((node) => (node as Html).value).join('\n')
}

const inline = (tex: string) => `<code class="language-math math-inline">${tex}</code>`
const display = (tex: string) => `<code class="language-math math-display">${tex}</code>`

describe('math in raw HTML', () => {
  it('pairs each delimiter with the next closing one, tried in MathJax order', async () => {
    expect(await wrapped('<p>\\(x\\) and \\(open $y$ and \\[z\\]</p>')).toBe(`<p>${inline('x')} and \\(open ${inline('y')} and ${display('z')}</p>`)
    expect(await wrapped('<p>$$a$ b$$, $$c$ and $d$</p>')).toBe(`<p>${display('a$ b')}, $${inline('c')} and ${inline('d')}</p>`)
    expect(await wrapped('<p>\\$5, $a\\$b$, $x < y$</p>')).toBe(`<p>$5, ${inline('a\\$b')}, ${inline('x &lt; y')}</p>`)
    expect(await wrapped('<p>$a$ and $b$</p>', false)).toBe('<p>$a$ and $b$</p>')
    expect(await wrapped('<p>$$ $$ <code>$x$</code> $\\\ny$</p>')).toBe('<p>$$ $$ <code>$x$</code> $\\\ny$</p>')
  })

})
