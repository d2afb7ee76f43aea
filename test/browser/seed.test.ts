/**
 * The seed lecture in a real browser: formulas are laid out by the KaTeX CSS and fonts the site
 * ships (no math JavaScript), and previous/next links lead between pages.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { loadConfig } from '../../src/config.js'
import { build } from '../../src/pipeline/index.js'
import { projectRoot } from '../helpers/shared.js'
import { browserAvailable, launchBrowser, serve } from '../helpers/browser.js'

const run = browserAvailable()

describe.runIf(run)('seed lecture in chromium', () => {
  let browser: Browser
  let site: Awaited<ReturnType<typeof serve>>

  beforeAll(async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-browser-')), '_site')
    const result = await build({
      config: loadConfig(projectRoot),
      contentDir: path.join(projectRoot, 'content'),
      outDir: out,
      templatesDir: path.join(projectRoot, 'templates'),
      assetsDir: path.join(projectRoot, 'assets'),
      cwd: projectRoot,
    })
    expect(result.errors).toBe(0)
    site = await serve(out)
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  it('lays out every formula with non-zero size and no KaTeX error', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(site.url + '2024ai/2024ai_lect20/')
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
