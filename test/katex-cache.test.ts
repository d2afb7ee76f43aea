/**
 * The KaTeX render cache never stands in for a render under other macros: a formula that
 * defines a macro changes later formulas on its page only, cached or not.
 */
import { describe, expect, it } from 'vitest'
import { clearRenderCache, renderCacheStats } from '../src/plugins/katex-render.js'
import { renderMarkdown } from './helpers/render.js'

const mi = (html: string) => [...html.matchAll(/<mi>(\w)<\/mi>/g)].map((m) => m[1]).join('')

describe('KaTeX render cache', () => {
  it('reuses renders of a repeated formula with the same output', async () => {
    clearRenderCache()
    const once = await renderMarkdown('$x^2$\n')
    const twice = await renderMarkdown('$x^2$ と $x^2$\n')
    expect(renderCacheStats().hits).toBe(2)
    expect(twice.html.split(once.html.replace(/^<p>|<\/p>$/g, '')).length).toBe(3)
  })

  it('renders a formula again after a definition changes what it means', async () => {
    clearRenderCache()
    const { html } = await renderMarkdown('$\\foo$ $\\gdef\\foo{b}$ $\\foo$ $\\def\\foo{c}\\foo$ $\\foo$\n', { config: { macros: { '\\foo': 'a' } } })
    expect(mi(html)).toBe('abcc')
    const next = await renderMarkdown('$\\foo$\n', { config: { macros: { '\\foo': 'a' } } })
    expect(mi(next.html)).toBe('a')
  })

  it('keys renders by the page macros: the same TeX under other definitions differs', async () => {
    clearRenderCache()
    const a = await renderMarkdown('$$\n\\newcommand{\\v}{p}\n$$\n\n$\\v$\n')
    const b = await renderMarkdown('$$\n\\newcommand{\\v}{q}\n$$\n\n$\\v$\n')
    expect(mi(a.html)).toBe('p')
    expect(mi(b.html)).toBe('q')
  })
})
