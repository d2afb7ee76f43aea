/**
 * The expansion count (src/math/expansion.ts): tokens read as the page's macros expand, counted
 * the way KaTeX's macro expander reads them, stopped as soon as they pass the limit.
 */
import katex from 'katex'
import { describe, expect, it } from 'vitest'
import { callSize, expandedSize } from '../src/math/expansion.js'

describe('expandedSize', () => {
  it('counts the tokens of TeX without macros, and refuses TeX over the limit', () => {
    expect(expandedSize('x^2+y', {}, 100)).toBe(5)
    expect(expandedSize('x^2+y', {}, 5)).toBe(5)
    expect(expandedSize('x^2+y', {}, 4)).toBeUndefined()
  })

  it('expands string macros from the site config, with their arguments', () => {
    // \R, then \mathbb { R }, then ^ n.
    expect(expandedSize('\\R^n', { '\\R': '\\mathbb{R}' }, 100)).toBe(7)
    // \d, its argument { a b }, then a b a b.
    expect(expandedSize('\\d{ab}', { '\\d': '#1#1' }, 100)).toBe(9)
  })

  it('reads the definitions KaTeX stores in the macro table as it typesets', () => {
    const macros = {}
    katex.renderToString('\\newcommand{\\d}[1]{#1#1}\\newcommand{\\b}[1]{\\d{#1#1}}', { macros, globalGroup: true, throwOnError: true })
    expect(expandedSize('\\d{ab}', macros, 100)).toBe(9)
    // \b, { x }, then \d { x x }, then x x x x.
    expect(expandedSize('\\b{x}', macros, 100)).toBe(13)
  })

  it('follows definitions the formula makes: \\def with delimited parameters, \\let', () => {
    // \def \p # 1 . # 2 ; { # 2 # 1 }, then \p a b . c d ;, then c d a b.
    expect(expandedSize('\\def\\p#1.#2;{#2#1}\\p ab.cd;', {}, 100)).toBe(25)
    // \let \r = \d, then \r { x }, then x x.
    expect(expandedSize('\\let\\r=\\d \\r{x}', { '\\d': '#1#1' }, 100)).toBe(10)
    // \futurelet \r \relax, \relax read again, \d { y } y y, then \r { x } x x.
    expect(expandedSize('\\futurelet\\r\\relax\\d{y}\\r{x}', { '\\d': '#1#1' }, 100)).toBe(16)
  })

  it('stops a macro that doubles its argument at every level as soon as it passes the limit', () => {
    const name = (i: number) => `\\y${String.fromCharCode(97 + i)}`
    let defs = `\\newcommand{${name(0)}}[1]{#1#1}`
    for (let i = 1; i < 26; i++) defs += `\\newcommand{${name(i)}}[1]{${name(i - 1)}{#1#1}}`
    const macros = {}
    katex.renderToString(defs, { macros, globalGroup: true, throwOnError: true })
    // \yd { x }, \yc { x x }, \yb { x x x x }, \ya { eight x }, then sixteen x.
    expect(expandedSize('\\yd{x}', macros, 100)).toBe(43)
    expect(expandedSize('\\yz{x}', macros, 20_000)).toBeUndefined()
    // Defined in the formula itself, the same.
    expect(expandedSize(`${defs}\\yz{x}`, {}, 20_000)).toBeUndefined()
  })

  it('measures a redefined name of KaTeX\'s by itself, since KaTeX\'s own macros may call it', () => {
    const name = (i: number) => `\\y${String.fromCharCode(97 + i)}`
    let defs = `\\newcommand{${name(0)}}[1]{#1#1}`
    for (let i = 1; i < 26; i++) defs += `\\newcommand{${name(i)}}[1]{${name(i - 1)}{#1#1}}`
    const macros = {}
    katex.renderToString(`${defs}\\renewcommand{\\Longleftrightarrow}[1]{\\yz{#1}}\\renewcommand{\\vec}[1]{\\mathbf{#1}}`, { macros, globalGroup: true, throwOnError: true })
    // `\iff` never names `\Longleftrightarrow`, so the formula alone looks small.
    expect(expandedSize('\\iff', macros, 20_000)).toBe(1)
    expect(callSize('\\Longleftrightarrow', macros, 1, 20_000)).toBeUndefined()
    // \vec { x x }, then \mathbf { x x }.
    expect(callSize('\\vec', macros, 2, 20_000)).toBe(10)
    // Redefined within the formula: measured when defined, if KaTeX knows the name.
    const tex = '\\renewcommand{\\Longleftrightarrow}[1]{\\yz{#1}} x \\iff y'
    expect(expandedSize(tex, macros, 20_000, (n) => n === '\\Longleftrightarrow')).toBeUndefined()
    // \renewcommand { \Longleftrightarrow } [ 1 ] { \yz { # 1 } }, then the space, x, space, \iff, y.
    expect(expandedSize(tex, macros, 20_000, () => false)).toBe(19)
  })

  it('leaves wrong TeX and endless loops to KaTeX, which reports them', () => {
    // The argument never closes: what was read is counted, and KaTeX will say what is wrong.
    expect(expandedSize('\\d{x', { '\\d': '#1#1' }, 100)).toBe(3)
    // KaTeX stops after 1,000 expansions with "Too many expansions".
    expect(expandedSize('\\def\\a{\\a}\\a', {}, 100_000)).toBe(1006)
  })
})
