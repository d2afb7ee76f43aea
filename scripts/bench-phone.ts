/**
 * `npm run bench:phone [-- --runs N]`: load the seed lecture as a student's phone would and print
 * how long until its math is visible. A benchmark, not a test: it prints numbers, never fails on them.
 *
 * It builds content/ into a temporary project with the seed lecture's images (../shared/seed-assets,
 * never part of the repository) copied where the lecture references them, serves it with kogi's
 * own preview server on 127.0.0.1 and opens the lecture N times (default 3), each in a fresh
 * browser context (cold cache) of Debian's chromium: viewport 360×740, deviceScaleFactor 3,
 * isMobile, hasTouch, CPU slowed 4× through CDP (Emulation.setCPUThrottlingRate). Requests that
 * leave 127.0.0.1 (images the lecture links from the web) are aborted, as on a closed campus network.
 *
 * Per run and as medians it reports DOMContentLoaded, the load event, first contentful paint and
 * "math visible", all in ms from navigation start, plus requests and bytes by type and which
 * KaTeX font files were fetched.
 *
 * Math visible = the later of first contentful paint and the end of the last KaTeX font the page
 * fetched (PerformanceResourceTiming): kogi's formulas are HTML from the start and no script
 * typesets them, so they show in the first paint after their fonts arrive. The run also checks
 * that `document.fonts.ready` settles and counts the formulas laid out with a non-zero box.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { serveSite } from '../src/dev/server.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } })
const runs = Math.max(1, Number(values.runs) || 3)
const CHROMIUM = process.env.KOGI_CHROMIUM ?? '/usr/bin/chromium'
const seedAssets = path.join(root, '..', 'shared', 'seed-assets')
const LECTURE = '2024ai/2024ai_lect20/'

if (!fs.existsSync(seedAssets)) {
  console.log(`bench:phone: ${seedAssets} is absent; the seed lecture's images are needed to measure it — nothing measured`)
  process.exit(0)
}
if (!fs.existsSync(CHROMIUM)) {
  console.log(`bench:phone: ${CHROMIUM} not found (apt-get install chromium); nothing measured`)
  process.exit(0)
}

// A scratch project: the real templates, theme and content, plus the images where the lecture
// looks for them — /2024assets/…, /assets/… from the site root, ./assets/… beside the lecture.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-phone-'))
for (const name of ['templates', 'assets', 'kogi.config.json', 'content']) if (fs.existsSync(path.join(root, name))) fs.cpSync(path.join(root, name), path.join(work, name), { recursive: true })
fs.cpSync(path.join(seedAssets, '2024assets'), path.join(work, 'content', '2024assets'), { recursive: true })
fs.cpSync(path.join(seedAssets, 'assets'), path.join(work, 'content', 'assets'), { recursive: true })
fs.cpSync(path.join(seedAssets, 'assets'), path.join(work, 'content', '2024ai', 'assets'), { recursive: true })

const { main } = await import('../src/cli.js')
const out = path.join(work, '_site')
const code = await main(['build', '--root', work, '--content', path.join(work, 'content'), '--out', out])
if (code !== 0 && code !== 1) console.log(`bench:phone: build exited with ${code}`)

interface Sample {
  dcl: number
  load: number
  fcp: number
  mathVisible: number
  requests: Record<string, { count: number; bytes: number }>
  fonts: string[]
  aborted: number
  fontsReady: string
  laidOut: string
}

function kind(url: string, type: string): string {
  if (/\.woff2?(\?|$)/.test(url) || type === 'font') return 'fonts'
  if (/\.css(\?|$)/.test(url) || type === 'stylesheet') return 'css'
  if (/\.m?js(\?|$)/.test(url) || type === 'script') return 'js'
  if (type === 'image') return 'images'
  if (type === 'document') return 'html'
  return 'other'
}

const { server, url } = await serveSite({ root: out, base: '/', port: 0 })
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
})
const samples: Sample[] = []
/** When each request of the first run started and ended. */
let timeline: string[] = []
const ms = (x: number): string => `${Math.round(x)} ms`.padStart(8)
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true })
    let aborted = 0
    await context.route((u) => !u.href.startsWith(url), (route) => {
      aborted++
      return route.abort()
    })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    await page.goto(new URL(LECTURE, url).href, { waitUntil: 'load' })
    const fontsReady = await page.evaluate(() => document.fonts.ready.then(() => document.fonts.status))
    const formulas = await page.evaluate(() => [...document.querySelectorAll('.katex-html')].map((e) => e.getBoundingClientRect().width > 0))
    const m = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN
      const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({ name: r.name, type: r.initiatorType, bytes: r.encodedBodySize, start: r.startTime, end: r.responseEnd }))
      resources.unshift({ name: nav.name, type: 'document', bytes: nav.encodedBodySize, start: 0, end: nav.responseEnd })
      return { dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, fcp, resources }
    })
    if (i === 0) timeline = m.resources.map((r) => `  ${ms(r.start)} → ${ms(r.end)}  ${r.name.replace(url, '/')}`)
    const requests: Sample['requests'] = {}
    const fonts: string[] = []
    let fontsEnd = 0
    for (const r of m.resources) {
      if (!r.name.startsWith(url)) continue
      const k = r.type === 'document' ? 'html' : kind(r.name, r.type === 'css' || r.type === 'link' ? 'stylesheet' : r.type === 'img' ? 'image' : r.type)
      const slot = (requests[k] ??= { count: 0, bytes: 0 })
      slot.count++
      slot.bytes += r.bytes
      if (k === 'fonts' && /KaTeX/.test(r.name)) {
        fonts.push(path.basename(new URL(r.name).pathname))
        fontsEnd = Math.max(fontsEnd, r.end)
      }
    }
    samples.push({ dcl: m.dcl, load: m.load, fcp: m.fcp, mathVisible: Math.max(m.fcp, fontsEnd), requests, fonts: fonts.sort(), aborted, fontsReady, laidOut: `${formulas.filter(Boolean).length} of ${formulas.length}` })
    await context.close()
  }
} finally {
  await browser.close()
  server.close()
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}
console.log(`bench:phone: ${LECTURE} — 360×740 @3x, mobile, CPU 4× slower, cold cache, ${runs} runs`)
console.log('run      DCL     load      FCP  math visible')
samples.forEach((s, i) => console.log(`${String(i + 1).padEnd(3)}${ms(s.dcl)} ${ms(s.load)} ${ms(s.fcp)} ${ms(s.mathVisible)}`))
console.log(`${'med'.padEnd(3)}${ms(median(samples.map((s) => s.dcl)))} ${ms(median(samples.map((s) => s.load)))} ${ms(median(samples.map((s) => s.fcp)))} ${ms(median(samples.map((s) => s.mathVisible)))}`)
const first = samples[0]!
console.log('requests (first run, bytes as transferred):')
for (const [k, v] of Object.entries(first.requests).sort()) console.log(`  ${k.padEnd(7)} ${String(v.count).padStart(3)}  ${(v.bytes / 1024).toFixed(1).padStart(8)} KiB`)
console.log('requests of the first run, from navigation start:')
for (const line of timeline) console.log(line)
console.log(`  aborted (outside 127.0.0.1): ${first.aborted}`)
console.log(`document.fonts: ${first.fontsReady}; formulas laid out: ${first.laidOut}`)
console.log(`KaTeX fonts fetched (${first.fonts.length}): ${first.fonts.join(', ') || 'none'}`)
fs.rmSync(work, { recursive: true, force: true })
