/**
 * Linked sections in a real browser: the permalink shows on keyboard focus, a term link shows
 * its definition on focus, the table of contents is a sidebar on a wide screen and folded on
 * a phone, and the current section is highlighted as the reader scrolls.
 */
import { describe, expect, it } from 'vitest'
import { browserAvailable, useSeedInBrowser } from '../helpers/browser.js'

const run = browserAvailable()
const LECTURE = '2024ai/2024ai_lect20/'

describe.runIf(run)('linked sections in chromium', () => {
  const seed = useSeedInBrowser()

  it('shows a permalink on focus and a term definition on focus', async () => {
    const page = await seed.browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(seed.url + LECTURE)
    const permalink = page.locator('#box-1 > h2 > a.kogi-permalink')
    expect(await permalink.evaluate((a) => getComputedStyle(a).opacity)).toBe('0')
    await permalink.focus()
    expect(await permalink.evaluate((a) => getComputedStyle(a).opacity)).toBe('1')
    const term = page.locator('a.kogi-term').first()
    expect(await term.evaluate((a) => getComputedStyle(a, '::after').content)).toBe('none')
    await term.focus()
    const card = await term.evaluate((a) => getComputedStyle(a, '::after').content)
    expect(card).toBe(JSON.stringify(await term.getAttribute('data-def')))
    await page.close()
  })

  it('keeps the table of contents beside the text on a wide screen and folded on a phone', async () => {
    const wide = await seed.browser.newPage({ viewport: { width: 1400, height: 900 } })
    await wide.goto(seed.url + LECTURE)
    // The sidebar column sits right of the text and stays in view while reading.
    expect(await wide.locator('.kogi-sidebar').evaluate((n) => getComputedStyle(n).position)).toBe('sticky')
    const [toc, main] = [await wide.locator('.kogi-sidebar').boundingBox(), await wide.locator('main').boundingBox()]
    expect(toc!.x).toBeGreaterThanOrEqual(main!.x + main!.width)
    expect(await wide.locator('.kogi-toc details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true)
    // Scrolling to a section marks its entry as current.
    await wide.evaluate(() => document.querySelector('#box-1')!.scrollIntoView())
    await wide.waitForSelector('.kogi-toc a[href="#box-1"][aria-current="true"]')
    await wide.close()
    const phone = await seed.browser.newPage({ viewport: { width: 390, height: 800 } })
    await phone.goto(seed.url + LECTURE)
    await phone.waitForFunction(() => !(document.querySelector('.kogi-toc details') as HTMLDetailsElement).open)
    expect(await phone.locator('.kogi-sidebar').evaluate((n) => getComputedStyle(n).position)).toBe('static')
    await phone.close()
  })
})
