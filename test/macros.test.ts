/**
 * Macros: every page starts from the site's macros only; a page's own definitions hold for
 * the rest of that page and never leak into the next one.
 */
import { describe, expect, it } from 'vitest'
import { buildFiles } from './helpers/build.js'

describe('page macros', () => {
  it('do not leak from one lecture into the next, and never change the site macros', async () => {
    const b = await buildFiles(
      {
        'c/lect1.md': '$$\n\\newcommand{\\foo}{F}\n\\renewcommand{\\R}{X}\n$$\n\n$\\foo \\R$\n',
        'c/lect2.md': '$\\R$ and $\\foo$\n',
      },
      { macros: { '\\R': '\\mathbb{R}' } },
    )
    const katex = b.result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'katex').map((m) => [f.path, m.line, m.column, m.reason]))
    expect(katex).toEqual([['content/c/lect2.md', 1, 10, 'Undefined control sequence: \\foo at position 1: \\̲f̲o̲o̲']])
    expect(b.read('c/lect2/index.html')).toContain('<mi mathvariant="double-struck">R</mi>')
    expect(b.read('c/lect1/index.html')).not.toContain('double-struck')
  })
})
