/**
 * Search in a real browser, on a site served under a base path: nothing of the index is fetched
 * before the student types; typing a query (after the `/` shortcut), then clicking the first
 * result, lands on the section it names.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { buildFiles } from '../helpers/build.js'
import { projectRoot } from '../helpers/shared.js'
import { browserAvailable, launchBrowser, serve } from '../helpers/browser.js'

const run = browserAvailable()
const seed = fs.readFileSync(path.join(projectRoot, 'content/2024ai/2024ai_lect20.md'), 'utf8')

describe.runIf(run)('search in chromium', () => {
  let browser: Browser
  let site: Awaited<ReturnType<typeof serve>>

  beforeAll(async () => {
    const built = await buildFiles({ 'index.md': '# ホーム\n', '2024ai/index.md': '# 人工知能 II\n', '2024ai/2024ai_lect20.md': seed, '2024ai/other.md': '# 別の回\n\n## 雑談\n\nGLUE という言葉に一度だけ触れる。\n' }, { base: '/kogi/' })
    expect(built.result.errors).toBe(0)
    site = await serve(built.out, '/kogi/')
    browser = await launchBrowser()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await site?.close()
  })

  it('types a query, clicks the first result and lands on the section', async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 700 } })
    const requests: string[] = []
    page.on('request', (r) => requests.push(new URL(r.url()).pathname))
    await page.goto(site.url)
    expect(requests.filter((r) => r.includes('/search/'))).toEqual([])

    await page.keyboard.press('/')
    await page.keyboard.type('ＧＬＵＥ課題')
    const first = page.locator('.kogi-search-results a').first()
    await first.waitFor()
    expect(requests.filter((r) => r.includes('/search/')).every((r) => r.startsWith('/kogi/_kogi/search/'))).toBe(true)
    expect(await first.locator('.kogi-search-title').textContent()).toContain('人工知能 II')
    expect(await first.locator('.kogi-search-heading').textContent()).toBe('ファインチューニング GLUE 課題 (General Language Understanding Evaluation)')
    expect(await first.locator('.kogi-search-heading mark').allTextContents()).toEqual(['GLUE', '課題'])

    await first.click()
    await page.waitForURL(/\/kogi\/2024ai\/2024ai_lect20\/#/)
    const target = page.locator('h4', { hasText: 'ファインチューニング GLUE 課題' })
    await expect.poll(() => target.evaluate((h) => decodeURIComponent(location.hash.slice(1)) === h.closest('[id]')?.id)).toBe(true)
    // The section lands at the top of the window, below the theme's scroll padding.
    await expect.poll(() => target.evaluate((h) => { const top = h.getBoundingClientRect().top; return top >= 0 && top < 40 })).toBe(true)
    await page.close()
  })
})
