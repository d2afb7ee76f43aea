/**
 * Font preloads in a real browser: the KaTeX fonts a page's head preloads are exactly the faces
 * chromium draws its formulas in — none missing (it would arrive late), none extra (fetched for
 * nothing) — on the seed lecture and on a page that uses many of KaTeX's faces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { browserAvailable, launchBrowser, serve } from '../helpers/browser.js'
import { buildFiles } from '../helpers/build.js'
import { buildSeedSite, SEED_BASE } from '../helpers/seed-site.js'

const run = browserAvailable()

const faces = String.raw`# 書体

$\mathbb{R}$, $\mathcal{L}$, $\mathfrak{g}$, $\mathtt{x}$, $\boldsymbol{x}$, $\mathbf{v}$, $\mathsf{A}$,
$\text{\textbf{太字} bold}$, $\left(\frac{a}{b}\right)$ and $\int f$.

$$
\sum_{i=1}^n \int_0^1 f \, dx = \left( \begin{matrix} a \\ b \\ c \\ d \end{matrix} \right) \Big[ \bigg\{ x \bigg\} \Big]
$$
`

describe.runIf(run)('KaTeX font preloads in chromium', () => {
  let browser: Browser
  const sites: Awaited<ReturnType<typeof serve>>[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    for (const s of sites) await s.close()
  })

  /** The preloaded font files of a page, and the KaTeX font files its drawn faces live in. */
  async function fontsOf(url: string): Promise<{ preloaded: string[]; used: string[] }> {
    const page = await browser.newPage()
    await page.goto(url)
    await page.evaluate(() => document.fonts.ready)
    const result = await page.evaluate(() => ({
      preloaded: [...document.querySelectorAll<HTMLLinkElement>('link[rel=preload][as=font]')].map((l) => l.href.split('/').pop()!),
      used: [...document.fonts]
        .filter((f) => f.status === 'loaded' && f.family.replace(/"/g, '').startsWith('KaTeX_'))
        .map((f) => `${f.family.replace(/"/g, '')}-${(f.weight === '700' || f.weight === 'bold' ? 'Bold' : '') + (f.style === 'italic' ? 'Italic' : '') || 'Regular'}.woff2`),
    }))
    await page.close()
    return { preloaded: result.preloaded.sort(), used: [...new Set(result.used)].sort() }
  }

  it('preloads what the seed lecture draws its formulas in', async () => {
    const seed = await buildSeedSite()
    const site = await serve(seed.out, SEED_BASE)
    sites.push(site)
    const { preloaded, used } = await fontsOf(site.url + '2024ai/2024ai_lect20/')
    expect(used).toEqual(['KaTeX_Main-Regular.woff2', 'KaTeX_Math-Italic.woff2', 'KaTeX_Size3-Regular.woff2'])
    expect(preloaded).toEqual(used)
  })

  it('preloads each face a page of many faces uses, and nothing on a page without math', async () => {
    const b = await buildFiles({ 'c/faces.md': faces, 'c/plain.md': '# 本文だけ\n\n数式なし。\n' })
    const site = await serve(b.out)
    sites.push(site)
    const { preloaded, used } = await fontsOf(site.url + 'c/faces/')
    expect(used.length).toBeGreaterThan(8)
    expect(preloaded).toEqual(used)
    expect(await fontsOf(site.url + 'c/plain/')).toEqual({ preloaded: [], used: [] })
  })
})
