/**
 * Commands KaTeX's trust settings refuse (links other than to a place on the page, images,
 * HTML classes, ids, styles and data) are drawn in red as before, and now reported at the
 * formula's place, naming the command, on every build; in-page links are allowed and silent.
 */
import { describe, expect, it } from 'vitest'
import { buildFiles } from './helpers/build.js'

const page = '# Links\n\nBad $\\href{javascript:alert(1)}{x}$ and $\\htmlClass{big}{y}$\n\n$$\n\\includegraphics{cat.png} + \\url{http://example.com/}\n$$\n\nGood $\\href{#eq-1}{(1)}$\n'

describe('commands refused by the trust settings', () => {
  it('are reported at the formula, naming the command, on every build', async () => {
    for (let build = 0; build < 2; build++) {
      const b = await buildFiles({ 'c/links.md': page })
      const messages = b.result.files.flatMap((f) => f.messages.filter((m) => m.ruleId?.startsWith('katex')).map((m) => [m.line, m.column, m.ruleId, m.reason]))
      expect(messages).toEqual([
        [3, 5, 'katex-untrusted', '\\href{javascript:alert(1)} is not allowed in a formula: only links to a place on the same page, \\href{#…}, are; it is drawn in red'],
        [3, 41, 'katex-untrusted', '\\htmlClass is not allowed in a formula: formulas may not add links, images or HTML attributes; it is drawn in red'],
        [5, 1, 'katex-untrusted', '\\includegraphics{cat.png} is not allowed in a formula: formulas may not add links, images or HTML attributes; it is drawn in red'],
        [5, 1, 'katex-untrusted', '\\url{http://example.com/} is not allowed in a formula: only links to a place on the same page, \\href{#…}, are; it is drawn in red'],
      ])
      const html = b.read('c/links/index.html')
      const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'))
      // KaTeX draws the refused command's name in red, as it always did, and makes no link of it.
      expect(article).toContain('<span class="mord text" style="color:#cc0000;"><span class="mord" style="color:#cc0000;">\\href</span></span>')
      expect(article).not.toContain('href="javascript:')
      expect(article).toContain('<a href="#eq-1">')
    }
  })
})
