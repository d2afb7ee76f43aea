/**
 * The seed lecture in a real browser: formulas are laid out by the KaTeX CSS and fonts the site
 * ships (no math JavaScript), and previous/next links lead between pages.
 */
import { describe, expect, it } from 'vitest'
import { browserAvailable, useSeedInBrowser } from '../helpers/browser.js'

const run = browserAvailable()

describe.runIf(run)('seed lecture in chromium', () => {
  const seed = useSeedInBrowser()

  it('lays out every formula with non-zero size and no KaTeX error', async () => {
    const page = await seed.browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(seed.url + '2024ai/2024ai_lect20/')
    await page.evaluate(() => document.fonts.ready)
    const boxes = await page.$$eval('.katex', (nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => [r.width, r.height]))
    expect(boxes).toHaveLength(10)
    for (const [w, h] of boxes) {
      expect(w).toBeGreaterThan(0)
      expect(h).toBeGreaterThan(0)
    }
    expect(await page.$$('.katex-error')).toHaveLength(0)
    // KaTeX's own font is in use, from the site itself.
    expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true)
    // The theme's scripts are joined into one file: none of them may break another.
    expect(errors).toEqual([])
    await page.close()
  })
})
