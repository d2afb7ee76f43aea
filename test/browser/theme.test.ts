/**
 * The theme in a real browser, on the seed site served over HTTP under a project-site base path:
 * navigation, the dark-mode and projector toggles, phone width, print, code copy, embedded
 * media, accessibility (axe-core), and screenshots saved to test-results/ for people to look at.
 */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { projectRoot } from '../helpers/shared.js'
import { browserAvailable, launchBrowser, serve } from '../helpers/browser.js'
import { buildSeedSite, SEED_BASE, SEED_ORIGIN } from '../helpers/seed-site.js'

const run = browserAvailable()
const shots = path.join(projectRoot, 'test-results', 'screenshots')
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const LECTURE = '2024ai/2024ai_lect20/'

describe.runIf(run)('theme in chromium', () => {
  let browser: Browser
  let site: Awaited<ReturnType<typeof serve>>
  let origin: string

  beforeAll(async () => {
    const seed = await buildSeedSite()
    expect(seed.result.errors).toBe(0)
    site = await serve(seed.out, SEED_BASE)
    origin = new URL(site.url).origin
    browser = await launchBrowser()
    fs.mkdirSync(shots, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  /** A fresh context (empty localStorage) at a given width and colour scheme. */
  async function open(rel: string, options: { width?: number; scheme?: 'light' | 'dark'; context?: BrowserContext } = {}): Promise<Page> {
    const context = options.context ?? (await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.scheme ?? 'light' }))
    const page = await context.newPage()
    await page.goto(origin + SEED_BASE + rel)
    await page.evaluate(() => document.fonts.ready)
    return page
  }

  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  const luminance = (rgb: string) => {
    const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.map(Number)
    return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255
  }

  async function axe(page: Page): Promise<string[]> {
    await page.addScriptTag({ content: axeSource })
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] })
      return result.violations
    })
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
  }

  it('course page lists lectures in natural order; previous/next lead through them', async () => {
    const page = await open('2024ai/')
    const titles = await page.$$eval('.lecture-list li .title', (nodes) => nodes.map((n) => n.textContent))
    expect(titles).toEqual(['第2回 系列と言語モデル', '第10回 注意機構', '第20回 2024年度開講 駒澤大学 人工知能 II'])
    await page.click('.lecture-list li:nth-child(2) a')
    await page.waitForURL(/2024ai_lect10\/$/)
    await page.click('.prev-next a[rel="next"]')
    await page.waitForURL(/2024ai_lect20\/$/)
    expect(await page.$('.prev-next a[rel="next"]')).toBeNull()
    await page.click('.prev-next a[rel="prev"]')
    await page.waitForURL(/2024ai_lect10\/$/)
    await page.click('.breadcrumbs a[href$="/2024ai/"]')
    await page.waitForURL(/\/kogi\/2024ai\/$/)
    await page.context().close()
  })

  it('follows the OS scheme, and the toggle overrides it and is remembered', async () => {
    const page = await open(LECTURE, { scheme: 'dark' })
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark')
    expect(luminance(await background(page))).toBeLessThan(0.2)
    await page.click('[data-toggle="theme"]')
    expect(await page.getAttribute('html', 'data-theme')).toBe('light')
    expect(luminance(await background(page))).toBeGreaterThan(0.9)
    await page.reload()
    expect(await page.getAttribute('html', 'data-theme')).toBe('light')
    expect(await page.getAttribute('[data-toggle="theme"]', 'aria-pressed')).toBe('false')
    // KaTeX takes the text colour: light on dark in the dark scheme.
    await page.click('[data-toggle="theme"]')
    const formula = await page.$eval('.katex', (el) => getComputedStyle(el).color)
    expect(luminance(formula)).toBeGreaterThan(0.7)
    await page.context().close()
  })

  it('projector mode enlarges text and formulas, is remembered, and follows ?projector=', async () => {
    const page = await open(LECTURE, { width: 1920 })
    const sizes = () => page.evaluate(() => ({ text: parseFloat(getComputedStyle(document.querySelector('.content > p')!).fontSize), math: document.querySelector('.katex')!.getBoundingClientRect().height }))
    const before = await sizes()
    expect(await page.isVisible('.qr-card svg.qr')).toBe(true)
    await page.click('[data-toggle="projector"]')
    const after = await sizes()
    expect(after.text).toBeGreaterThanOrEqual(26)
    expect(after.text).toBeGreaterThan(before.text * 1.4)
    expect(after.math).toBeGreaterThan(before.math * 1.4)
    expect(await page.isVisible('.qr-card svg.qr')).toBe(true)
    await page.screenshot({ path: path.join(shots, 'projector-1920.png') })
    await page.reload()
    expect(await page.getAttribute('html', 'data-projector')).toBe('')
    await page.goto(origin + SEED_BASE + LECTURE + '?projector=0')
    expect(await page.getAttribute('html', 'data-projector')).toBeNull()
    await page.context().close()
    const fresh = await open(LECTURE + '?projector=1')
    expect(await fresh.getAttribute('html', 'data-projector')).toBe('')
    await fresh.context().close()
  })

  it('encodes the public URL in the lecture QR code', async () => {
    const page = await open(LECTURE)
    expect(await page.textContent('.qr-url')).toBe(SEED_ORIGIN + SEED_BASE + LECTURE)
    expect(await page.getAttribute('.qr-card svg', 'aria-label')).toContain('QRコード')
    await page.context().close()
  })

  for (const [name, rel] of [['lecture', LECTURE], ['course', '2024ai/'], ['home', ''], ['code', '2024ai/2024ai_lect2/'], ['wide formula', '2024ai/2024ai_lect10/']] as const) {
    it(`${name} page has no horizontal overflow at 360 px`, async () => {
      const page = await open(rel, { width: 360 })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
      await page.context().close()
    })
  }

  it('wide formulas and tables scroll inside the column and can be reached by keyboard', async () => {
    const page = await open('2024ai/2024ai_lect10/', { width: 360 })
    const display = await page.$eval('.katex-display', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth, tab: el.getAttribute('tabindex') }))
    expect(display.scroll).toBeGreaterThan(display.client)
    expect(display.tab).toBe('0')
    await page.context().close()
  })

  it('highlights code in both schemes and copies it with the button', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    const page = await open('2024ai/2024ai_lect2/', { context })
    const keyword = '.shiki .line:first-child span:first-child'
    const light = await page.$eval(keyword, (el) => getComputedStyle(el).color)
    await page.click('[data-toggle="theme"]')
    const dark = await page.$eval(keyword, (el) => getComputedStyle(el).color)
    expect(light).not.toBe(dark)
    await page.click('.copy-button')
    await expect.poll(() => page.textContent('.copy-button')).toBe('コピーしました')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('import numpy as np\n\ndef softmax(x):\n    e = np.exp(x - x.max())  # 桁あふれを防ぐ\n    return e / e.sum()')
    await context.close()
  })

  it('fits a YouTube embed to the width at its aspect ratio, loading lazily', async () => {
    const page = await open('2024ai/2024ai_lect2/', { width: 360 })
    const frame = await page.$eval('iframe', (el) => ({ ...el.getBoundingClientRect().toJSON(), loading: el.getAttribute('loading') }))
    expect(frame.loading).toBe('lazy')
    expect(frame.width).toBeLessThanOrEqual(360)
    expect(frame.height / frame.width).toBeCloseTo(315 / 560, 2)
    await page.context().close()
  })

  it('prints black on white without chrome, with external URLs and author page breaks', async () => {
    const page = await open('2024ai/2024ai_lect2/')
    await page.click('[data-toggle="theme"]')
    await page.emulateMedia({ media: 'print' })
    const look = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header')!).display,
      nav: getComputedStyle(document.querySelector('.prev-next')!).display,
      bg: getComputedStyle(document.body).backgroundColor,
      fg: getComputedStyle(document.querySelector('.content p')!).color,
      after: getComputedStyle(document.querySelector('.content a[href^="https://arxiv"]')!, '::after').content,
      pagebreak: getComputedStyle(document.querySelector('.pagebreak')!).breakAfter,
      code: getComputedStyle(document.querySelector('.content pre')!).breakInside,
    }))
    expect(look).toEqual({ header: 'none', nav: 'none', bg: 'rgb(255, 255, 255)', fg: 'rgb(0, 0, 0)', after: '" <https://arxiv.org/abs/1706.03762>"', pagebreak: 'page', code: 'avoid' })
    await page.context().close()
  })

  it('has no serious or critical axe-core violations, light and dark, phone and desktop', async () => {
    for (const [scheme, width] of [['light', 1280], ['dark', 360]] as const) {
      for (const rel of [LECTURE, '2024ai/', '', '2024ai/2024ai_lect2/']) {
        const page = await open(rel, { scheme, width })
        expect(await axe(page), `${scheme} ${width}px /${rel}`).toEqual([])
        await page.context().close()
      }
    }
  })

  it('has a skip link, landmarks and MathML for screen readers', async () => {
    const page = await open(LECTURE)
    expect(await page.getAttribute('html', 'lang')).toBe('ja')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link')
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none')
    for (const selector of ['header', 'main', 'footer', 'nav[aria-label]']) expect(await page.$(selector), selector).not.toBeNull()
    const mathml = await page.$$eval('.katex .katex-mathml math', (nodes) => nodes.length)
    expect(mathml).toBe(await page.$$eval('.katex', (nodes) => nodes.length))
    await page.context().close()
  })

  it('saves screenshots: phone and desktop, light and dark, print', async () => {
    for (const [name, width, scheme] of [['phone-360', 360, 'light'], ['desktop-1280', 1280, 'light'], ['phone-360-dark', 360, 'dark'], ['desktop-1280-dark', 1280, 'dark']] as const) {
      const page = await open(LECTURE, { width, scheme })
      await page.screenshot({ path: path.join(shots, `${name}.png`), })
      await page.screenshot({ path: path.join(shots, `${name}-full.png`), fullPage: true })
      await page.context().close()
    }
    for (const [name, rel] of [['course-1280', '2024ai/'], ['home-1280', ''], ['code-1280', '2024ai/2024ai_lect2/']] as const) {
      const page = await open(rel)
      await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
      await page.context().close()
    }
    const page = await open(LECTURE, { scheme: 'dark' })
    await page.emulateMedia({ media: 'print' })
    await page.screenshot({ path: path.join(shots, 'print.png'), fullPage: true })
    await page.pdf({ path: path.join(shots, 'print.pdf'), format: 'A4', printBackground: true })
    await page.context().close()
    for (const name of ['phone-360', 'desktop-1280', 'phone-360-dark', 'desktop-1280-dark', 'print']) expect(fs.statSync(path.join(shots, `${name}.png`)).size).toBeGreaterThan(10_000)
  })
})
