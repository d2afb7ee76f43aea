/**
 * Search index: every page's sections → a sharded inverted index under `/_kogi/search/`.
 *
 * The browser downloads `index.json` (a few KB) when a student starts searching, then only the
 * shards holding the query's terms and the sections it shows, so one query costs tens of KB on a
 * site of hundreds of lectures. Each posting carries the term's weight in that section (BM25 plus
 * field boosts) computed here, so the browser needs no statistics beyond the posting lists.
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { contentHash, THEME_DIR, type OutFile } from './theme.js'
import type { Section } from '../search/extract.js'
import { VERSION, runIndexTerms, runs, shardOf } from '../search/engine.js'

/** A rendered page, as the index sees it. */
export interface SearchPage {
  /** Page URL including the base. */
  readonly url: string
  readonly title: string
  /** The page's searchable sections (src/search/extract.ts). */
  readonly sections: readonly Section[]
}

/** Folder of the index inside the site. */
export const SEARCH_DIR = `${THEME_DIR}/search`

/**
 * What a term earns, on top of its BM25 weight in the body, for being in the section's heading,
 * the page title (first section only) or a glossary term or bold text. Added after length
 * normalisation, so a long glossary section is not outranked by a short passing mention.
 */
const BOOST = { heading: 2, title: 1, emphasis: 1.5 }
/** BM25 parameters. */
const K1 = 1.2
const B = 0.75
/** Aimed-for size of one shard, in bytes. */
const SHARD_BYTES = 6_000

const engineSource = fileURLToPath(new URL('../search/engine.js', import.meta.url))

/** Sizes of the index written, for the build report and the benchmark. */
export interface SearchStats {
  readonly sections: number
  readonly terms: number
  readonly shards: number
  readonly bytes: number
}

/**
 * Build the search index of a site.
 *
 * @param pages Every page with its sections.
 * @returns The files to write (paths relative to the site) and their sizes.
 */
export function searchFiles(pages: readonly SearchPage[]): { files: OutFile[]; stats: SearchStats } {
  const docs: { u: string; t: string; h: string; x: string }[] = []
  // Terms are numbered in the order they are first met, which is the order the shards list them
  // in; from then on a term is its number, and the per-section counts are arrays, not maps.
  const ids = new Map<string, number>()
  const names: string[] = []
  /** For each term: the last section it was met in, and its slot in that section's arrays. */
  const lastDoc: number[] = []
  const slotOf: number[] = []
  /** For each term: the last field that boosted it (a field boosts each term once). */
  const lastField: number[] = []
  let field = 0
  const intern = (t: string): number => {
    let id = ids.get(t)
    if (id === undefined) {
      id = names.push(t) - 1
      ids.set(t, id)
      lastDoc.push(-1)
      slotOf.push(0)
      lastField.push(-1)
    }
    return id
  }
  // A word recurs all through a site: its terms are made and numbered once, the first time.
  const runIds = new Map<string, number[]>()
  const termIds = (text: string): number[] => {
    const out: number[] = []
    for (const run of runs(text)) {
      let list = runIds.get(run)
      if (!list) runIds.set(run, (list = runIndexTerms(run).map(intern)))
      for (const id of list) out.push(id)
    }
    return out
  }
  const sections: { terms: number[]; tf: number[]; boosts: number[] }[] = []
  const lengths: number[] = []
  for (const page of pages) {
    page.sections.forEach((section, i) => {
      const doc = sections.length
      const local = { terms: [] as number[], tf: [] as number[], boosts: [] as number[] }
      const slot = (id: number): number => {
        if (lastDoc[id] !== doc) {
          lastDoc[id] = doc
          slotOf[id] = local.terms.push(id) - 1
          local.tf.push(0)
          local.boosts.push(0)
        }
        return slotOf[id]!
      }
      const body = termIds(section.text)
      for (const id of body) {
        const at = slot(id)
        local.tf[at] = local.tf[at]! + 1
      }
      const boost = (text: string, weight: number) => {
        field++
        for (const id of termIds(text)) {
          const at = slot(id)
          if (lastField[id] === field) continue
          lastField[id] = field
          local.boosts[at] = local.boosts[at]! + weight
        }
      }
      boost(section.heading, BOOST.heading)
      boost(section.emphasis, BOOST.emphasis)
      if (i === 0) boost(page.title, BOOST.title)
      sections.push(local)
      lengths.push(body.length + 1)
      const url = section.anchor ? `${page.url}#${encodeURIComponent(section.anchor)}` : page.url
      docs.push({ u: url, t: page.title, h: section.heading, x: section.text.normalize('NFKC') })
    })
  }
  const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length)
  const postings: number[][] = names.map(() => [])
  sections.forEach(({ terms: local, tf, boosts }, doc) => {
    const norm = K1 * (1 - B + (B * lengths[doc]!) / avg)
    for (let at = 0; at < local.length; at++) {
      const f = tf[at]!
      const w = (f * (K1 + 1)) / (f + norm) + boosts[at]!
      postings[local[at]!]!.push(doc, Math.max(1, Math.round(w * 10)))
    }
  })
  let total = 0
  names.forEach((t, id) => (total += t.length * 3 + postings[id]!.length * 4))
  const shardCount = Math.max(1, Math.ceil(total / SHARD_BYTES))
  const shards: Record<string, number[]>[] = Array.from({ length: shardCount }, () => ({}))
  names.forEach((t, id) => {
    const list = postings[id]!
    // Doc ids as gaps keep the numbers short.
    for (let i = list.length - 2; i > 0; i -= 2) list[i] = list[i]! - list[i - 2]!
    shards[shardOf(t, shardCount)]![t] = list
  })
  const files: OutFile[] = []
  // Shards, like sections, live in a folder named for their content, so a browser never mixes
  // files of two builds, and the manifest names the folder once rather than every shard.
  const shardData = shards.map((s) => JSON.stringify(s))
  const shardDir = `s${contentHash(shardData.join('\n'))}`
  shardData.forEach((data, i) => files.push({ rel: `${SEARCH_DIR}/${shardDir}/${i}.json`, data }))
  const docData = docs.map((d) => JSON.stringify(d))
  const docDir = `d${contentHash(docData.join('\n'))}`
  docData.forEach((data, i) => files.push({ rel: `${SEARCH_DIR}/${docDir}/${i}.json`, data }))
  const engine = fs.readFileSync(engineSource, 'utf8')
  const engineName = `engine.${contentHash(engine)}.js`
  files.push({ rel: `${SEARCH_DIR}/${engineName}`, data: engine })
  const manifest = JSON.stringify({ v: VERSION, docs: docs.length, d: docDir, s: shardDir, shards: shardCount, engine: engineName })
  files.push({ rel: `${SEARCH_DIR}/index.json`, data: manifest })
  const bytes = files.reduce((a, f) => a + Buffer.byteLength(f.data), 0)
  return { files, stats: { sections: docs.length, terms: names.length, shards: shardCount, bytes } }
}
