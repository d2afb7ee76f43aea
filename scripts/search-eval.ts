/**
 * `npm run search:eval`: build the instructor's corpus into a temporary site (base `/kogi/`),
 * run every query of test/search/queries.json through the same engine the browser runs, and
 * report recall@1, recall@5 and the bytes one query downloads.
 *
 * A query hits when a result is the expected section, or a copy of it: the instructor reuses
 * sections from year to year, and no search can tell two identical sections apart.
 *
 *   npm run search:eval [-- --site DIR] [--verbose]
 *     --site DIR   evaluate an already built corpus site instead of building one
 *     --verbose    print every query with its top results
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { resolveConfig } from '../src/config.js'
import { build } from '../src/stages/build.js'
import { SEARCH_DIR } from '../src/site/search.js'
import { runs, runTerms, search, type SearchResult } from '../src/search/engine.js'
import { projectRoot, sharedDir } from '../test/helpers/shared.js'

/** One query of the set. */
interface Query {
  readonly q: string
  /** Page URL without base, e.g. `/2024ai/2024ai_lect20/`. */
  readonly page: string
  /** Heading of the section; empty for the part before the first heading. */
  readonly section: string
  /** `seed` for queries over the seed lecture (test/search.test.ts), absent for the corpus. */
  readonly site?: 'seed'
}

const BASE = '/kogi/'
const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const siteArg = args.indexOf('--site')

async function corpusSite(): Promise<{ out: string; seconds?: number }> {
  if (siteArg >= 0) return { out: path.resolve(args[siteArg + 1]!) }
  const corpus = path.join(sharedDir, 'corpus')
  if (!fs.existsSync(corpus)) {
    console.error(`${corpus} is absent: the evaluation needs the instructor's corpus`)
    process.exit(2)
  }
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-search-eval-')), '_site')
  const result = await build({
    config: resolveConfig({}, 'eval', { base: BASE }),
    contentDir: corpus,
    outDir: out,
    templatesDir: path.join(projectRoot, 'templates'),
    assetsDir: path.join(projectRoot, 'assets'),
    cwd: projectRoot,
  })
  if (!result.written) throw new Error('the corpus site did not build')
  console.log(`built ${result.pages} pages into ${out} in ${result.seconds.toFixed(1)} s`)
  return { out, seconds: result.seconds }
}

const bigrams = (text: string) => new Set(runs(text).flatMap(runTerms))
const bare = (heading: string) => heading.replace(/^[\d.\s]+/, '').trim()

/**
 * Whether a section is a copy of another: one heading contains the other (numbering aside) and
 * ≥ 90% of the shorter text's terms are in the longer (a copy may have lost or gained a paragraph).
 */
function sameSection(a: SearchResult, b: SearchResult): boolean {
  const [ha, hb] = [bare(a.heading), bare(b.heading)]
  if (!ha.includes(hb) && !hb.includes(ha)) return false
  const x = bigrams(a.text)
  const y = bigrams(b.text)
  let shared = 0
  for (const t of x) if (y.has(t)) shared++
  return shared / Math.max(1, Math.min(x.size, y.size)) >= 0.9
}

const { out } = await corpusSite()
const dir = path.join(out, SEARCH_DIR)
const queries = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'test/search/queries.json'), 'utf8')) as Query[]).filter((q) => !q.site)
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8')) as { docs: number; d: string; shards: number }

// Every section, to find each query's expected one.
const sections: SearchResult[] = []
for (let i = 0; i < manifest.docs; i++) {
  const d = JSON.parse(fs.readFileSync(path.join(dir, manifest.d, `${i}.json`), 'utf8')) as { u: string; t: string; h: string; x: string }
  sections.push({ url: d.u, title: d.t, heading: d.h, text: d.x, score: 0 })
}
const pageOf = (url: string) => url.replace(/#.*$/, '')

let at1 = 0
let at5 = 0
const bytes: number[] = []
const gzipBytes: number[] = []
const problems: string[] = []
for (const query of queries) {
  const expected = sections.find((s) => pageOf(s.url) === BASE + query.page.replace(/^\//, '') && s.heading === query.section)
  if (!expected) {
    problems.push(`no section "${query.section}" on ${query.page} (query ${query.q})`)
    continue
  }
  let raw = 0
  let gz = 0
  const load = async (name: string) => {
    const data = fs.readFileSync(path.join(dir, name))
    raw += data.length
    gz += zlib.gzipSync(data).length
    return JSON.parse(data.toString('utf8')) as unknown
  }
  const results = await search(query.q, load, 5)
  bytes.push(raw)
  gzipBytes.push(gz)
  const rank = results.findIndex((r) => r.url === expected.url || sameSection(r, expected))
  if (rank === 0) at1++
  if (rank >= 0 && rank < 5) at5++
  if (verbose || rank < 0 || rank >= 5) {
    console.log(`${rank < 0 ? 'MISS' : `@${rank + 1}  `} ${query.q}  → ${query.page}「${query.section}」  ${(raw / 1024).toFixed(1)} KB`)
    for (const r of results) console.log(`        ${decodeURIComponent(r.url)}  「${r.heading}」 ${r.score.toFixed(2)}`)
  }
}
const n = queries.length - problems.length
const kb = (v: number) => (v / 1024).toFixed(1)
const sorted = [...bytes].sort((a, b) => a - b)
let indexBytes = 0
for (const f of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) if (f.isFile()) indexBytes += fs.statSync(path.join(f.parentPath, f.name)).size
for (const p of problems) console.log(`QUERY SET: ${p}`)
console.log(`queries ${n}  recall@1 ${(at1 / n).toFixed(3)}  recall@5 ${(at5 / n).toFixed(3)}`)
console.log(`downloaded per query: mean ${kb(bytes.reduce((a, b) => a + b, 0) / n)} KB, median ${kb(sorted[Math.floor(n / 2)] ?? 0)} KB, max ${kb(sorted[n - 1] ?? 0)} KB (gzip mean ${kb(gzipBytes.reduce((a, b) => a + b, 0) / n)} KB)`)
console.log(`index: ${sections.length} sections, ${manifest.shards} shards, ${kb(indexBytes)} KB on disk`)
if (problems.length) process.exitCode = 1
