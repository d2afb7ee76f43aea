/**
 * The search engine shared by the build (indexing) and the browser (querying).
 *
 * Plain JavaScript with no imports, because the same file is published into the site and loaded
 * by the browser with `import()` only once a student starts searching; `engine.d.ts` gives
 * TypeScript its types. Indexing and querying must segment text identically, which is why both
 * run this one file.
 *
 * Japanese is segmented without a dictionary: a run of kanji/kana becomes its overlapping
 * character bigrams (位置符号化 → 位置 置符 符号 号化), so a query matches whatever way the
 * text was written and however the query is split, and the bigram across a word boundary
 * (置符) keeps 位置符号化 apart from 予測符号化. Latin and digits are whole words. Everything is
 * NFKC-normalised and lower-cased first, so ＢＥＲＴ, BERT and bert are one term.
 */

/** Format version of the published index; the browser refuses an index of another version. */
export const VERSION = 1

const CJK_CLASS = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}ー々〆ヶ'
const RUN = new RegExp(`[${CJK_CLASS}]+|(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}])+`, 'gu')
const HAN = /^\p{sc=Han}$/u
// A middle dot, equals sign or hyphen between two kanji/kana joins one word written in parts
// (カルバック・ライブラー, 長=短期記憶), so it is dropped and the word indexed whole.
const JOINER = new RegExp(`(?<=[${CJK_CLASS}])[・=‐-](?=[${CJK_CLASS}])`, 'gu')
const IS_CJK = new RegExp(`^[${CJK_CLASS}]`, 'u')

/** NFKC and lower case: full-width and half-width, upper and lower case become one form. */
export function normalize(text) {
  return text.normalize('NFKC').toLowerCase()
}

/** `normalize`, with the joiners inside Japanese words removed (before splitting into runs). */
function joined(text) {
  return normalize(text).replace(JOINER, '')
}

/**
 * Split normalised text into runs: whole CJK runs and Latin/digit words, in order.
 * Punctuation, spaces and symbols (including ・) separate runs.
 */
export function runs(text) {
  return joined(text).match(RUN) ?? []
}

/** The index terms of one run: bigrams for CJK runs (a lone kanji is its own term), the word otherwise. */
export function runTerms(run) {
  if (!IS_CJK.test(run)) return [run]
  const chars = Array.from(run)
  if (chars.length === 1) return HAN.test(run) ? [run] : []
  const out = []
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1])
  return out
}

/**
 * The terms one run adds to the index: its terms, and each kanji of a longer CJK run on its own
 * too, so a one-kanji query (脳) finds the words it is part of. The indexer keeps these per run,
 * since the same words recur all through a site.
 */
export function runIndexTerms(run) {
  const out = runTerms(run)
  if (IS_CJK.test(run) && Array.from(run).length > 1) for (const c of run) if (HAN.test(c)) out.push(c)
  return out
}

/** Every index term of a text, repeats kept (the indexer counts them): each run's index terms in order. */
export function terms(text) {
  const out = []
  for (const run of runs(text)) for (const t of runIndexTerms(run)) out.push(t)
  return out
}

/**
 * A GitHub-style heading slug: lower case, punctuation dropped, spaces to hyphens. Used only
 * for headings that carry no id of their own.
 */
export function slug(text) {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-')
}

/** FNV-1a hash of a term, to pick its shard. */
export function shardOf(term, shards) {
  let h = 0x811c9dc5
  for (let i = 0; i < term.length; i++) {
    h ^= term.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h % shards
}

/** How many top candidates are fetched in full and re-ranked by exact phrase. */
export const RERANK = 12

/**
 * Run a query against a published index.
 *
 * @param query What the student typed.
 * @param load Fetches a file of the index folder by name and returns its parsed JSON.
 * @param limit How many results to return.
 * @returns Results best first: `{ url, title, heading, text, score }`.
 */
export async function search(query, load, limit = 8) {
  const manifest = await load('index.json')
  if (manifest.v !== VERSION) throw new Error(`search index version ${manifest.v}, expected ${VERSION}`)
  const qruns = runs(query)
  const qterms = [...new Set(qruns.flatMap(runTerms))]
  if (qterms.length === 0) return []
  const shards = await Promise.all([...new Set(qterms.map((t) => shardOf(t, manifest.shards)))].map((i) => load(`${manifest.s}/${i}.json`).then((s) => [i, s])))
  const shardMap = new Map(shards)
  const N = manifest.docs
  const scores = new Map()
  const covered = new Map()
  let totalIdf = 0
  for (const t of qterms) {
    const postings = shardMap.get(shardOf(t, manifest.shards))[t]
    const df = postings ? postings.length / 2 : 0
    const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5))
    totalIdf += idf
    if (!postings) continue
    let doc = 0
    for (let i = 0; i < postings.length; i += 2) {
      doc += postings[i]
      scores.set(doc, (scores.get(doc) ?? 0) + (idf * postings[i + 1]) / 10)
      covered.set(doc, (covered.get(doc) ?? 0) + idf)
    }
  }
  // A section holding every query term outranks one that repeats a few of them many times.
  const ranked = [...scores].map(([doc, s]) => [doc, s * Math.pow(covered.get(doc) / totalIdf, 3)]).sort((a, b) => b[1] - a[1])
  const top = ranked.slice(0, Math.max(limit, RERANK))
  const docs = await Promise.all(top.map(([doc]) => load(`${manifest.d}/${doc}.json`)))
  // Whole query words found verbatim (not just their bigrams, possibly far apart) lift a result.
  const parts = [...new Set(qruns.filter((r) => runTerms(r).length > 0))]
  const results = top.map(([, score], i) => {
    const d = docs[i]
    const hay = joined(d.h + '\n' + d.x)
    const found = parts.filter((p) => hay.includes(p)).length
    // A heading that says the whole query is the section about it.
    const heading = runs(d.h).join(' ')
    const titled = heading.includes(parts.join(' ')) ? (heading === parts.join(' ') ? 2 : 1.5) : 1
    return { url: d.u, title: d.t, heading: d.h, text: d.x, score: score * (1 + found / parts.length) * titled }
  })
  return results.sort((a, b) => b.score - a.score).slice(0, limit)
}

/**
 * Cut a snippet of `text` around the first match of the query, with the matches marked.
 *
 * @param text The section's text.
 * @param query The query.
 * @param width About how many characters to show.
 * @returns Pieces in order: `{ text, mark }`, `mark` true for matched text.
 */
export function snippet(text, query, width = 120) {
  const qruns = runs(query).filter((r) => runTerms(r).length > 0)
  const lower = normalize(text)
  // Whole query words; the bigrams of a word only when the text has it in pieces.
  const needles = [...new Set(qruns.flatMap((r) => (lower.includes(r) || Array.from(r).length <= 2 ? [r] : runTerms(r))))].sort((a, b) => b.length - a.length)
  // NFKC can change lengths; fall back to no highlighting when it did.
  const same = lower.length === text.length
  const hits = []
  if (same) {
    for (const n of needles) {
      for (let i = lower.indexOf(n); i >= 0; i = lower.indexOf(n, i + n.length)) {
        if (!hits.some(([s, e]) => i < e && i + n.length > s)) hits.push([i, i + n.length])
      }
    }
  }
  hits.sort((a, b) => a[0] - b[0])
  const start = hits.length ? Math.max(0, hits[0][0] - Math.floor(width / 3)) : 0
  const end = Math.min(text.length, start + width)
  const pieces = []
  let at = start
  for (const [s, e] of hits) {
    if (s < at || s >= end) continue
    if (s > at) pieces.push({ text: text.slice(at, s), mark: false })
    pieces.push({ text: text.slice(s, Math.min(e, end)), mark: true })
    at = Math.min(e, end)
  }
  if (at < end) pieces.push({ text: text.slice(at, end), mark: false })
  if (start > 0) pieces.unshift({ text: '…', mark: false })
  if (end < text.length) pieces.push({ text: '…', mark: false })
  return pieces
}
