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
import { VERSION, shardOf, terms } from '../search/engine.js'

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
  const fields: { tf: Map<string, number>; boosts: Map<string, number> }[] = []
  const lengths: number[] = []
  for (const page of pages) {
    page.sections.forEach((section, i) => {
      const body = terms(section.text)
      const tf = new Map<string, number>()
      for (const t of body) tf.set(t, (tf.get(t) ?? 0) + 1)
      const boosts = new Map<string, number>()
      const boost = (text: string, weight: number) => {
        for (const t of new Set(terms(text))) boosts.set(t, (boosts.get(t) ?? 0) + weight)
      }
      boost(section.heading, BOOST.heading)
      boost(section.emphasis, BOOST.emphasis)
      if (i === 0) boost(page.title, BOOST.title)
      fields.push({ tf, boosts })
      lengths.push(body.length + 1)
      const url = section.anchor ? `${page.url}#${encodeURIComponent(section.anchor)}` : page.url
      docs.push({ u: url, t: page.title, h: section.heading, x: section.text.normalize('NFKC') })
    })
  }
  const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length)
  const postings = new Map<string, number[]>()
  fields.forEach(({ tf, boosts }, doc) => {
    const norm = K1 * (1 - B + (B * lengths[doc]!) / avg)
    const post = (t: string, f: number) => {
      const w = (f * (K1 + 1)) / (f + norm) + (boosts.get(t) ?? 0)
      const list = postings.get(t)
      if (list) list.push(doc, Math.max(1, Math.round(w * 10)))
      else postings.set(t, [doc, Math.max(1, Math.round(w * 10))])
    }
    for (const [t, f] of tf) post(t, f)
    for (const t of boosts.keys()) if (!tf.has(t)) post(t, 0)
  })
  let total = 0
  for (const [t, list] of postings) total += t.length * 3 + list.length * 4
  const shardCount = Math.max(1, Math.ceil(total / SHARD_BYTES))
  const shards: Record<string, number[]>[] = Array.from({ length: shardCount }, () => ({}))
  for (const [t, list] of postings) {
    // Doc ids as gaps keep the numbers short.
    const gaps = list.map((v, i) => (i % 2 === 0 && i > 0 ? v - list[i - 2]! : v))
    shards[shardOf(t, shardCount)]![t] = gaps
  }
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
  return { files, stats: { sections: docs.length, terms: postings.size, shards: shardCount, bytes } }
}
