/**
 * The linked-sections plugins of the page pipeline, in their order, with their options taken
 * from the page and the config: figures before URLs are rewritten (they need `src` as
 * written), then ids, boxes, permalinks, sections, glossary, term links and equation numbers
 * before KaTeX (which must not see `\label`).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { PluggableList } from 'unified'
import rehypeSlug from 'rehype-slug'
import rehypeAutolinkHeadings from 'rehype-autolink-headings'
import type { VFile } from 'vfile'
import type { Element } from 'hast'
import rehypeDrafts from '../plugins/rehype-drafts.js'
import rehypeFigures from '../plugins/rehype-figures.js'
import rehypeBoxes from '../plugins/rehype-boxes.js'
import rehypeSections from '../plugins/rehype-sections.js'
import rehypeGlossary, { GLOSSARY_HEADING } from '../plugins/rehype-glossary.js'
import rehypeTermLinks from '../plugins/rehype-term-links.js'
import rehypeEquations from '../plugins/rehype-equations.js'
import { ownSitePath } from '../plugins/rehype-urls.js'
import type { Config } from '../config.js'
import { isInside } from '../stages/discover.js'

/**
 * Map an image `src` as written in a page to the file it names under the content folder.
 *
 * @param file The page, whose path ends with `page.rel`.
 * @param rel The page's source path relative to the content folder.
 */
export function localFiles(file: VFile, rel: string): (src: string) => string | undefined {
  const source = path.resolve(file.cwd, file.path)
  const contentDir = source.endsWith(rel) ? source.slice(0, source.length - rel.length) : path.dirname(source)
  let realDir: string | undefined
  const realContent = () => (realDir ??= fs.realpathSync(contentDir))
  return (src) => {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:|^\/\//.test(src)) return undefined
    let clean = src.replace(/[?#].*$/, '')
    try {
      clean = decodeURI(clean)
    } catch {
      return undefined
    }
    const abs = clean.startsWith('/') ? path.join(contentDir, clean) : path.resolve(path.dirname(source), clean)
    // Only files inside the content folder, links resolved: an image named by `../../x.png`, or
    // through a link leading out, is never opened (not even to read its size).
    if (!isInside(abs, contentDir)) return undefined
    try {
      const real = fs.realpathSync(abs)
      return isInside(real, realContent()) && fs.statSync(real).isFile() ? abs : undefined
    } catch {
      return undefined
    }
  }
}

/** Headings hidden from sight (GFM's "Footnotes" label) get no permalink. */
function notScreenReaderOnly(node: Element): boolean {
  const c = node.properties.className
  return !(Array.isArray(c) && c.includes('sr-only'))
}

/** A page's glossary is the whole page when its front matter says so or its title names one. */
function isGlossaryPage(file: VFile): boolean {
  const matter = file.data.page?.matter ?? {}
  return matter.glossary === true || GLOSSARY_HEADING.test(matter.title ?? '')
}

/**
 * The plugins before and after `rehype-urls`, for every page of a site: what differs from page
 * to page they read from the page's record (`file.data.page`).
 *
 * @param config The site's config.
 */
export function sectionPlugins(config: Config): { before: PluggableList; after: PluggableList } {
  // Per processor, not per module: the lookup of each page's images, made on its first image.
  const locals = new WeakMap<VFile, (src: string) => string | undefined>()
  const localOf = (file: VFile) => {
    let local = locals.get(file)
    if (!local) locals.set(file, (local = localFiles(file, file.data.page?.rel ?? path.basename(file.path))))
    return local
  }
  return {
    // An image written with the site's own address is a local image too (rehype-urls.ts).
    before: [rehypeDrafts, [rehypeFigures, { resolveFile: (src: string, file: VFile) => localOf(file)(ownSitePath(src.trim(), config.url, config.base) ?? src) }]],
    after: [
      rehypeSlug,
      rehypeBoxes,
      [rehypeAutolinkHeadings, { behavior: 'append', test: notScreenReaderOnly, properties: { className: ['kogi-permalink'], ariaLabel: 'この見出しへのリンク' }, content: [] }],
      rehypeSections,
      [rehypeGlossary, { wholePage: isGlossaryPage }],
      [rehypeTermLinks, { enabled: config.termLinks }],
      rehypeEquations,
    ],
  }
}
