/**
 * `npm run bench:dev [-- DIR] [--edits N]`: start `kogi dev` on a copy of a folder of lectures
 * (default ../shared/corpus), open one lecture in chromium (Debian's, through playwright-core) as
 * the instructor has it open while editing, then save that lecture N times with pauses and print,
 * per save and as the median, the time from the save to the reload event and to the reloaded
 * page showing the edit (its first contentful paint, and its DOMContentLoaded). Without chromium, an HTTP
 * client stands in for the page: the edited text being served is timed instead. A benchmark, not
 * a test: it never fails on a number.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'
import { urlOf } from '../src/stages/model.js'

const CHROMIUM = process.env.KOGI_CHROMIUM ?? '/usr/bin/chromium'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values, positionals } = parseArgs({ allowPositionals: true, options: { edits: { type: 'string', default: '7' } } })
const content = path.resolve(positionals[0] ?? path.join(root, '..', 'shared', 'corpus'))
const edits = Math.max(1, Number(values.edits) || 7)
if (!fs.existsSync(content)) {
  console.log(`bench:dev: ${content} is absent; nothing to measure (give a folder of lectures: npm run bench:dev -- DIR)`)
  process.exit(0)
}

// A scratch project: the real templates and theme, its own cache and output.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-bench-dev-'))
for (const name of ['templates', 'assets', 'kogi.config.json']) if (fs.existsSync(path.join(root, name))) fs.cpSync(path.join(root, name), path.join(work, name), { recursive: true })
const copy = path.join(work, 'content')
fs.cpSync(content, copy, { recursive: true })
const lectures = fs.readdirSync(copy, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md') && !/(^|\/)index\.md$/.test(f)).sort()
const editedRel = lectures[Math.floor(lectures.length / 2)]!
const edited = path.join(copy, editedRel)
const original = fs.readFileSync(edited, 'utf8')

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** The page's HTML; '' when the request failed (the site folder being swapped by a full build). */
function get(url: string): Promise<string> {
  return new Promise((resolve) => {
    http
      .get(url, (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve(body)).on('error', () => resolve(''))
      })
      .on('error', () => resolve(''))
  })
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli.ts'), 'dev', '--root', work, '--content', copy, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
let stderr = ''
child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-4000)))
const started = performance.now()
const url = await new Promise<string>((resolve, reject) => {
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    out += c
    const m = /dev server at (\S+),/.exec(out)
    if (m) resolve(m[1]!)
  })
  child.on('exit', (code) => reject(new Error(`kogi dev exited with ${code}: ${stderr}`)))
})
console.log(`bench:dev: ${lectures.length} lectures from ${content}; first build and server up in ${((performance.now() - started) / 1000).toFixed(2)}s; editing ${editedRel}, ${edits} saves`)

// The open page: the event stream, with the time each reload arrives.
const reloads: number[] = []
await new Promise<void>((resolve) => {
  const req = http.get(url + '__kogi/events', (res) => {
    res.on('error', () => undefined)
    res.setEncoding('utf8').on('data', (chunk: string) => {
      for (const _ of chunk.matchAll(/^event: reload$/gm)) reloads.push(performance.now())
    })
    resolve()
  })
  req.on('error', () => undefined)
})
const pageUrl = url + urlOf(editedRel).url.slice(1)
// The open page: it records, on each load, when its content was parsed and when the next frame came.
const browser = fs.existsSync(CHROMIUM) ? await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] }) : undefined
let page: Page | undefined
if (browser) {
  page = await browser.newPage()
  await page.addInitScript(() => {
    const w = window as unknown as { __shown?: number; __painted?: number }
    // The first paint with content is when the reader sees the page; Date.now() time, as the save's.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') w.__painted = Math.round(performance.timeOrigin + e.startTime)
    }).observe({ type: 'paint', buffered: true })
    document.addEventListener('DOMContentLoaded', () => (w.__shown = Date.now()))
  })
  await page.goto(pageUrl)
}
await sleep(1000)

/** When the open page showed `token`: [first contentful paint, DOMContentLoaded] in Date.now() time, once it has. */
async function shownIn(p: Page, token: string, deadline: number): Promise<[number, number] | undefined> {
  while (Date.now() < deadline) {
    const seen = await p.evaluate((t) => {
      const w = window as unknown as { __shown?: number; __painted?: number }
      return document.body?.textContent?.includes(t) && w.__painted && w.__shown ? [w.__painted, w.__shown] : undefined
    }, token).catch(() => undefined)
    if (seen) return seen as [number, number]
    await sleep(5)
  }
  return undefined
}

const toReload: number[] = []
const toShown: number[] = []
const toPainted: number[] = []
const shown = browser ? 'page shows the edit in chromium (first paint / parsed)' : 'text served'
for (let i = 0; i < edits; i++) {
  const token = `ベンチ編集${i}x${Date.now().toString(36)}`
  const seen = reloads.length
  const saved = performance.now()
  const savedAt = Date.now()
  fs.writeFileSync(edited, `${original}\n\n${token} $x_{${i}}$\n`)
  let text = NaN
  let painted = NaN
  if (page) {
    const at = await shownIn(page, token, savedAt + 60_000)
    if (at) [text, painted] = [at[0] - savedAt, at[1] - savedAt]
  } else {
    // Poll the page until the edit is served (at most 60 s).
    while (performance.now() - saved < 60_000) {
      if ((await get(pageUrl)).includes(token)) {
        text = performance.now() - saved
        break
      }
      await sleep(2)
    }
  }
  while (reloads.length === seen && performance.now() - saved < 60_000) await sleep(2)
  const reload = reloads.length > seen ? reloads[seen]! - saved : NaN
  toReload.push(reload)
  toShown.push(text)
  toPainted.push(painted)
  console.log(`edit ${i + 1}: save → reload event ${reload.toFixed(0)} ms, save → ${shown} ${text.toFixed(0)}${page ? ` / ${painted.toFixed(0)}` : ''} ms`)
  // Let the rest of the rebuild (search index, link check…) finish before the next save.
  await sleep(2500)
}
console.log(`median: save → reload event ${median(toReload).toFixed(0)} ms, save → ${shown} ${median(toShown).toFixed(0)}${page ? ` / ${median(toPainted).toFixed(0)}` : ''} ms (${edits} saves)`)
await browser?.close()
child.kill('SIGTERM')
await new Promise((resolve) => child.once('exit', resolve))
fs.rmSync(work, { recursive: true, force: true })
