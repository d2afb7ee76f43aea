/**
 * `npm run bench [-- DIR] [--runs N]`: time whole `kogi build` processes over a folder of lectures
 * (default ../shared/corpus) in four scenarios — cold (no cache), warm (nothing changed), site
 * pass (nothing changed but a file of the site removed, so every page comes from the cache and
 * the whole site pass runs) and one lecture changed — and print per scenario the median and
 * min–max wall time, pages/s, formulas/s and peak memory. A benchmark, not a test: it never
 * fails on a number.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '5' } } })
const content = path.resolve(positionals[0] ?? path.join(root, '..', 'shared', 'corpus'))
const runs = Math.max(1, Number(values.runs) || 5)
if (!fs.existsSync(content)) {
  console.log(`bench: ${content} is absent; nothing to measure (give a folder of lectures: npm run bench -- DIR)`)
  process.exit(0)
}

// A scratch project: the real templates and theme, its own cache and output.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-bench-'))
for (const name of ['templates', 'assets', 'kogi.config.json']) if (fs.existsSync(path.join(root, name))) fs.cpSync(path.join(root, name), path.join(work, name), { recursive: true })
const copy = path.join(work, 'content')
fs.cpSync(content, copy, { recursive: true })
const lectures = fs.readdirSync(copy, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort()
const edited = path.join(copy, lectures[Math.floor(lectures.length / 2)]!)

interface Run {
  seconds: number
  /** Wall time of each build stage, from the build's --verbose line. */
  stages: Map<string, number>
  maxRssMb: number
  pages: number
  formulas: number
}

function runBuild(): Run {
  const started = performance.now()
  const child = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench-run.js'), 'build', '--verbose', '--root', work, '--content', copy, '--out', path.join(work, '_site')], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CI: 'true' } })
  const seconds = (performance.now() - started) / 1000
  const last = child.stdout.trim().split('\n').pop() ?? '{}'
  const { maxRssKb = 0 } = JSON.parse(last) as { maxRssKb?: number }
  // A build that could not finish (killed, out of buffer) must not pass for a fast one.
  if (child.status !== 0 && child.status !== 1) console.log(`bench: build exited with ${child.status}: ${child.stderr.slice(-500)}`)
  return { seconds, stages: stagesOf(child.stderr), maxRssMb: maxRssKb / 1024, pages: countPages(), formulas: countFormulas() }
}

/** Stage timings from the build's verbose line `…; read 0.06s · render 0.15s · …`. */
function stagesOf(stderr: string): Map<string, number> {
  const line = stderr.split('\n').find((l) => l.includes(' pages from the cache; ')) ?? ''
  return new Map([...line.matchAll(/([a-z]+) (\d+\.\d+)s/g)].map((m) => [m[1]!, Number(m[2])]))
}

/** Pages of the built site: its HTML files (read from the output, not from the log). */
function countPages(): number {
  return fs.readdirSync(path.join(work, '_site'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length
}

let formulaCount: number | undefined
function countFormulas(): number {
  // Each typeset formula is one .katex element in the output; counted once.
  if (formulaCount !== undefined) return formulaCount
  let n = 0
  for (const f of fs.readdirSync(path.join(work, '_site'), { recursive: true, encoding: 'utf8' })) {
    if (f.endsWith('.html')) n += fs.readFileSync(path.join(work, '_site', f), 'utf8').split('<span class="katex">').length - 1
  }
  return (formulaCount = n)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

const scenarios: [string, () => void][] = [
  ['cold', () => fs.rmSync(path.join(work, '.cache'), { recursive: true, force: true })],
  // Nothing changed: the build finds its last site up to date (src/speed/up-to-date.ts).
  ['warm', () => undefined],
  // Nothing changed in the sources, but a file of the site is gone: every page comes from the
  // cache and the whole site pass runs (links, glossary, course pages, layout, search, writing).
  ['site pass', () => fs.rmSync(path.join(work, '_site', 'index.html'), { force: true })],
  ['one changed', () => fs.appendFileSync(edited, `\n\n変更 ${Date.now()} $x_{${Date.now() % 1000}}$\n`)],
]
console.log(`bench: ${lectures.length} lectures from ${content}, ${runs} runs per scenario, ${os.availableParallelism()} cores`)
runBuild() // warm-up: the file cache of the OS, the compiled sources
for (const [name, prepare] of scenarios) {
  const results: Run[] = []
  for (let i = 0; i < runs; i++) {
    prepare()
    results.push(runBuild())
  }
  const secs = results.map((r) => r.seconds)
  const t = median(secs)
  const { pages, formulas } = results[0]!
  console.log(
    `${name.padEnd(12)} wall ${t.toFixed(2)}s (${Math.min(...secs).toFixed(2)}–${Math.max(...secs).toFixed(2)})  ` +
      `${(pages / t).toFixed(0)} pages/s  ${(formulas / t).toFixed(0)} formulas/s  peak ${median(results.map((r) => r.maxRssMb)).toFixed(0)} MB`,
  )
  const stages = [...results[0]!.stages.keys()].map((k) => `${k} ${median(results.map((r) => r.stages.get(k) ?? 0)).toFixed(2)}`)
  if (stages.length) console.log(`${''.padEnd(12)} stages (median s): ${stages.join(' · ')}`)
}
fs.rmSync(work, { recursive: true, force: true })
