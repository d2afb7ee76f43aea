/**
 * Which control sequences KaTeX gives a meaning of its own (src/math/katex-knows.ts), asked of
 * KaTeX by typesetting, never read from its code: cache keys depend on it (a page redefining one
 * of them changes formulas that never name it).
 */
import { describe, expect, it, vi } from 'vitest'
import { KatexNames } from '../src/math/katex-knows.js'
import { buildFiles } from './helpers/build.js'

describe('KatexNames', () => {
  it('knows commands, macros, text-only symbols and names KaTeX reads as it typesets', () => {
    const names = new KatexNames()
    expect(['\\frac', '\\iff', '\\Longleftrightarrow', '\\R', '\\textendash', '\\arraystretch', '\\,'].filter((n) => !names.knows(n))).toEqual([])
    expect(['\\foo', '\\V', '\\mbox', '\\kogi@x'].filter((n) => names.knows(n))).toEqual([])
  })

  it('asks without running KaTeX macros that print', () => {
    const log = vi.spyOn(console, 'log')
    try {
      expect(new KatexNames().knows('\\show')).toBe(true)
      expect(new KatexNames().knows('\\message')).toBe(true)
      expect(log).not.toHaveBeenCalled()
    } finally {
      log.mockRestore()
    }
  })

  it('keeps a page that redefines \\arraystretch from sharing its arrays with other pages', async () => {
    const array = '$$\n\\begin{array}{c} a \\\\ b \\end{array}\n$$\n'
    const b = await buildFiles({
      'c/a.md': array,
      'c/b.md': `$$\n\\renewcommand{\\arraystretch}{2}\n$$\n\n${array}`,
      'c/c.md': array,
    })
    const rows = (page: string) => b.read(`c/${page}/index.html`).match(/height:\d+(?:\.\d+)?em/g)?.join(' ')
    expect(rows('a')).toBe(rows('c'))
    expect(rows('b')).not.toBe(rows('a'))
  })
})
