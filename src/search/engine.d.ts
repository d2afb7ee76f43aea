/**
 * Types of engine.js, the search engine shared by the build and the browser (see that file).
 */

/** Format version of the published index. */
export const VERSION: number
/** How many top candidates are fetched in full and re-ranked by exact phrase. */
export const RERANK: number

/** NFKC and lower case. */
export function normalize(text: string): string
/** Normalised CJK runs and Latin/digit words, in order. */
export function runs(text: string): string[]
/** The index terms of one run. */
export function runTerms(run: string): string[]
/** The index terms of one run: its terms and, for a longer CJK run, each kanji on its own. */
export function runIndexTerms(run: string): string[]
/** Every term of a text, repeats kept. */
export function terms(text: string): string[]
/** A GitHub-style heading slug, for headings without an id. */
export function slug(text: string): string
/** The shard a term lives in. */
export function shardOf(term: string, shards: number): number

/** One search result: a section of a page. */
export interface SearchResult {
  /** Page URL with the section's fragment. */
  readonly url: string
  /** Lecture title. */
  readonly title: string
  /** Section heading; empty for the part before the first heading. */
  readonly heading: string
  /** The section's text. */
  readonly text: string
  readonly score: number
}

/** Run a query; `load` fetches and parses a file of the index folder by name. */
export function search(query: string, load: (name: string) => Promise<unknown>, limit?: number): Promise<SearchResult[]>

/** A piece of a snippet; `mark` is true for matched text. */
export interface SnippetPiece {
  readonly text: string
  readonly mark: boolean
}

/** A snippet of `text` around the first match of `query`. */
export function snippet(text: string, query: string, width?: number): SnippetPiece[]
