/**
 * rehype plugin: record a page's searchable sections (src/search/extract.ts) in its facts,
 * taken from the finished tree.
 *
 * The search index then never parses page HTML again: the work is done on the worker threads
 * with the rest of the page, and kept with it in the page cache, so a warm build does none.
 * It runs last, so it sees the page as it is written (heading ids, formulas as raw nodes).
 */
import type { Root } from 'hast'
import type { VFile } from 'vfile'
import { sectionsOf } from '../search/extract.js'

/** Record the page's search sections in `file.data.facts.search`. */
export default function rehypeSearchSections() {
  return function transform(tree: Root, file: VFile): void {
    if (file.data.facts) file.data.facts.search = sectionsOf(tree)
  }
}
