/**
 * `npm run bench:dev [-- DIR] [--edits N]`: start `kogi dev` on a copy of a folder of lectures
 * (default ../shared/corpus), listen on its live-reload event stream as an open page does, then
 * save one lecture N times with pauses and print, per save and as the median, the time from the
 * save to the reload event and to the edited text being served. A benchmark, not a test: it
 * never fails on a number.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { urlOf } from '../src/pipeline/model.js'

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
await sleep(1000)

const toReload: number[] = []
const toServed: number[] = []
for (let i = 0; i < edits; i++) {
  const token = `ベンチ編集${i}x${Date.now().toString(36)}`
  const seen = reloads.length
  const saved = performance.now()
  fs.writeFileSync(edited, `${original}\n\n${token} $x_{${i}}$\n`)
  let served = NaN
  // Poll the page until the edit is served (at most 60 s).
  while (performance.now() - saved < 60_000) {
    if ((await get(pageUrl)).includes(token)) {
      served = performance.now() - saved
      break
    }
    await sleep(2)
  }
  while (reloads.length === seen && performance.now() - saved < 60_000) await sleep(2)
  const reload = reloads.length > seen ? reloads[seen]! - saved : NaN
  toReload.push(reload)
  toServed.push(served)
  console.log(`edit ${i + 1}: save → reload event ${reload.toFixed(0)} ms, save → text served ${served.toFixed(0)} ms`)
  // Let the rest of the rebuild (search index, link check…) finish before the next save.
  await sleep(2500)
}
console.log(`median: save → reload event ${median(toReload).toFixed(0)} ms, save → text served ${median(toServed).toFixed(0)} ms (${edits} saves)`)
child.kill('SIGTERM')
await new Promise((resolve) => child.once('exit', resolve))
fs.rmSync(work, { recursive: true, force: true })
