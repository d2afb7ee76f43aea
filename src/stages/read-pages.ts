/**
 * The read and front-matter stages over the sources of a site: each source becomes its page's
 * VFile, holding the source text, `data.rel` and `data.matter`. A file that cannot be read or
 * whose front matter is broken is still a page record, with its fatal message and empty front
 * matter, so its address keeps the last good page; an empty file makes no page.
 */
import { VFile } from 'vfile'
import type { Found } from './discover.js'
import { readSource } from './read.js'
import { readFrontMatter } from './frontmatter.js'

const failed = (file: VFile) => file.messages.some((m) => m.fatal)

/**
 * Read one source into its page record.
 *
 * @param abs The source file.
 * @param rel Its path relative to the content folder.
 * @param display Its path as messages show it.
 * @returns The page record, or undefined when the file is empty and makes no page; either way
 *   `file` carries the messages.
 */
export function readPage(abs: string, rel: string, display: string): { file: VFile; page: boolean } {
  let file: VFile
  try {
    file = readSource(abs, display)
  } catch (error) {
    file = new VFile({ path: display, value: '' })
    file.message(`cannot read file: ${(error as Error).message}`, { ruleId: 'read', source: 'kogi' }).fatal = true
  }
  file.data.rel = rel
  // A file just created and not yet written makes no page (an empty one would be listed in its course).
  if (!failed(file) && String(file.value).trim() === '') {
    file.message('empty file: no page is made from it', { place: { line: 1, column: 1 }, ruleId: 'empty', source: 'kogi' })
    return { file, page: false }
  }
  if (!failed(file)) readFrontMatter(file)
  else file.data.matter = {}
  return { file, page: true }
}

/**
 * Read every source of a site.
 *
 * @param sources The lectures the discover stage found.
 * @param display How a path is shown in messages.
 * @returns The page records, in the order found, and every file that carries messages.
 */
export function readPages(sources: readonly Found[], display: (abs: string) => string): { pages: VFile[]; files: VFile[] } {
  const pages: VFile[] = []
  const files: VFile[] = []
  for (const s of sources) {
    const { file, page } = readPage(s.abs, s.rel, display(s.abs))
    files.push(file)
    if (page) pages.push(file)
  }
  return { pages, files }
}
