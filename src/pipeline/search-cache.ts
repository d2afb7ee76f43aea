/**
 * The search index of the last build, kept in the cache folder: a build whose pages give the
 * same sections and titles as the last one reuses its index files instead of building them
 * again (most of a warm build's time otherwise). One entry only; any change builds anew.
 */
import crypto from 'node:crypto'
import path from 'node:path'
import { kogiFingerprint } from './cache.js'
import { readChecked, writeChecked } from './checksummed.js'
import { searchFiles, type SearchPage } from './search.js'

/** A page for the index: its sections, or for a page made outside the page stage its HTML. */
export type SearchSource = Omit<SearchPage, 'sections'> & ({ readonly sections: SearchPage['sections'] } | { readonly html: string })

/**
 * The search index of these pages, from the cache when they are unchanged.
 *
 * @param sources Every page with its sections or HTML.
 * @param cacheDir The cache folder (`.cache/kogi`); none when undefined.
 */
export async function cachedSearchFiles(sources: readonly SearchSource[], cacheDir: string | undefined): Promise<ReturnType<typeof searchFiles>> {
  // Sections are read from HTML only when the index is built: the HTML is a good enough key.
  const pages = async () => {
    const { extractSections } = await import('../search/extract-html.js')
    return sources.map((s): SearchPage => ('sections' in s ? s : { url: s.url, title: s.title, sections: extractSections(s.html) }))
  }
  if (!cacheDir) return searchFiles(await pages())
  const key = crypto.createHash('sha256').update(kogiFingerprint()).update(JSON.stringify(sources)).digest('hex')
  const file = path.join(cacheDir, 'search', 'index.bin')
  const hit = readChecked<ReturnType<typeof searchFiles>>(file, key)
  if (hit && Array.isArray(hit.files)) return hit
  const built = searchFiles(await pages())
  writeChecked(file, key, built)
  return built
}
