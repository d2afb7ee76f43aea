/**
 * rehype plugin: give every image an `alt` text.
 *
 * Most of the instructor's figures are `<img src="…" width="55%">` without `alt`, which
 * screen readers announce as the raw address (or skip) and accessibility checkers count as a
 * critical failure. The file name is the author's own label for the figure
 * (`2019Devlin_mask_method21.jpg`), so it becomes the text, with its separators as spaces.
 * A page with such images gets one info message (shown with --verbose) so alt texts can be written.
 */
import type { Root, Element } from 'hast'
import type { VFile } from 'vfile'
import { visit } from '../markdown/visit.js'

/** Options for {@link rehypeImageAlt}. */
export interface Options {
  /** Text before the file name; default `"図: "`. */
  readonly prefix?: string
}

/** Readable words from an image address: the file name without extension or separators. */
export function altFromSrc(src: string): string {
  let name = src.split(/[?#]/)[0]!.split('/').pop() ?? ''
  try {
    name = decodeURIComponent(name)
  } catch {
    // A malformed escape stays as written.
  }
  return name.replace(/\.[a-z0-9]+$/i, '').replace(/[_\-+.]+/g, ' ').trim()
}

/**
 * Fill in missing alt texts.
 *
 * @param options The prefix of generated texts.
 */
export default function rehypeImageAlt(options: Readonly<Options> = {}) {
  const prefix = options.prefix ?? '図: '
  return function transform(tree: Root, file: VFile): void {
    let count = 0
    let first: Element | undefined
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img' || typeof node.properties.alt === 'string') return
      const src = typeof node.properties.src === 'string' ? node.properties.src : ''
      const words = altFromSrc(src)
      node.properties.alt = words ? prefix + words : ''
      count++
      first ??= node
    })
    // One note per page: a lecture of forty figures should not bury the other messages.
    if (first) file.info(`${count} image${count === 1 ? '' : 's'} without alt text, described by file name (the first here)`, { place: first.position, ruleId: 'image-alt', source: 'kogi' })
  }
}
