/**
 * A real browser for tests: Debian's chromium driven by playwright-core (never a downloaded
 * browser). When /usr/bin/chromium is missing, browser tests skip with a notice, unless
 * KOGI_REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser fails the run.
 */
import fs from 'node:fs'
import type http from 'node:http'
import { afterAll, beforeAll, expect } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import { serveSite } from '../../src/dev/server.js'

/** Where Debian puts chromium. */
export const CHROMIUM = process.env.KOGI_CHROMIUM ?? '/usr/bin/chromium'

/** Whether browser tests can run here; prints why not, and throws when a browser is required. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true
  if (process.env.KOGI_REQUIRE_BROWSER === '1') throw new Error(`KOGI_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing (apt-get install chromium)`)
  console.warn(`[kogi tests] ${CHROMIUM} not found: browser tests are skipped (apt-get install chromium to run them)`)
  return false
}

/** Launch headless chromium with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  })
}

/** Serve a built site on a free loopback port; returns its URL and a closer. */
export async function serve(root: string, base = '/'): Promise<{ url: string; close: () => Promise<void>; server: http.Server }> {
  const { server, url } = await serveSite({ root, base, port: 0 })
  return { server, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/**
 * Inside a `describe`: build the project's own content (optionally with drafts), serve it and
 * start a browser before its tests, close both after. The build must have no errors.
 *
 * @returns The browser and the site's URL, readable once the tests run.
 */
export function useSeedInBrowser(extra: { drafts?: boolean } = {}): { readonly browser: Browser; readonly url: string } {
  const state: { browser?: Browser; site?: Awaited<ReturnType<typeof serve>> } = {}
  beforeAll(async () => {
    const { buildProject } = await import('./build.js')
    const { out, result } = await buildProject(extra)
    expect(result.errors).toBe(0)
    state.site = await serve(out)
    state.browser = await launchBrowser()
  })
  afterAll(async () => {
    await state.browser?.close()
    await state.site?.close()
  })
  return {
    get browser() {
      return state.browser!
    },
    get url() {
      return state.site!.url
    },
  }
}
