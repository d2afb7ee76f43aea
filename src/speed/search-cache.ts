/**
 * The search index of the last build, kept in the cache folder: a build whose pages give the
 * same sections and titles as the last one reuses its index files instead of building them
 * again. One entry only; any change builds anew.
 */
import crypto from 'node:crypto'
import path from 'node:path'
import { kogiFingerprint } from './cache.js'
import { readChecked, writeChecked } from './checksummed.js'
import { searchFiles, type SearchPage } from '../site/search.js'

/**
 * The search index of these pages, from the cache when they are unchanged.
 *
 * @param pages Every page with its sections.
 * @param cacheDir The cache folder (`.cache/kogi`); none when undefined.
 */
export function cachedSearchFiles(pages: readonly SearchPage[], cacheDir: string | undefined): ReturnType<typeof searchFiles> {
  if (!cacheDir) return searchFiles(pages)
  const key = crypto.createHash('sha256').update(kogiFingerprint()).update(JSON.stringify(pages)).digest('hex')
  const file = path.join(cacheDir, 'search', 'index.bin')
  const hit = readChecked<ReturnType<typeof searchFiles>>(file, key)
  if (hit && Array.isArray(hit.files)) return hit
  const built = searchFiles(pages)
  writeChecked(file, key, built)
  return built
}
