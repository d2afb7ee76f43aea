/**
 * rehype plugin: wrap each heading and what follows it, up to the next heading of the same or
 * higher level, in a `<section>` carrying the heading's id (an `<aside class="kogi-box">` for
 * a Box heading), and record the page's table of contents (h2–h4) in `file.data.facts.toc`.
 *
 * The id moves from the heading to the section so `:target` styling and print breaks work on
 * the whole section; the heading's permalink (`#id`) keeps pointing at it. Only headings at
 * the top level of the content are sectioned: a heading inside raw HTML keeps its id.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString } from 'hast-util-to-string'
import type { VFile } from 'vfile'
import type { TocEntry } from '../types.js'
import { boxNumber } from './rehype-boxes.js'

/** Options for {@link rehypeSections}. */
export interface Options {
  /** Shallowest heading rank listed in the table of contents; default 2. */
  readonly tocMin?: number
  /** Deepest heading rank listed in the table of contents; default 4. */
  readonly tocMax?: number
}

function hasClass(node: Element, name: string): boolean {
  const c = node.properties.className
  return Array.isArray(c) && c.includes(name)
}

/** Heading text without its permalink. */
function headingText(node: Element): string {
  const kept = node.children.filter((c) => !(c.type === 'element' && hasClass(c, 'kogi-permalink')))
  return toString({ type: 'element', tagName: 'span', properties: {}, children: kept }).replace(/\s+/g, ' ').trim()
}

/**
 * Section the page and gather its table of contents.
 *
 * @param options Ranks listed in the table of contents.
 */
export default function rehypeSections(options: Readonly<Options> = {}) {
  const tocMin = options.tocMin ?? 2
  const tocMax = options.tocMax ?? 4
  return function transform(tree: Root, file: VFile): void {
    const toc: TocEntry[] = []
    const out: RootContent[] = []
    const open: { rank: number; node: Element }[] = []
    for (const child of tree.children) {
      const rank = child.type === 'element' ? headingRank(child) : undefined
      if (child.type === 'element' && rank) {
        while (open.length > 0 && open[open.length - 1]!.rank >= rank) open.pop()
        const id = typeof child.properties.id === 'string' ? child.properties.id : undefined
        const box = boxNumber(child) !== undefined
        const draft = hasClass(child, 'kogi-draft')
        const className = [box ? 'kogi-box' : 'kogi-section', `level-${rank}`, ...(draft ? ['kogi-draft'] : [])]
        const section: Element = { type: 'element', tagName: box ? 'aside' : 'section', properties: { ...(id ? { id } : {}), className }, children: [child], position: child.position }
        if (id) delete child.properties.id
        const text = headingText(child)
        if (id && rank >= tocMin && rank <= tocMax) toc.push({ depth: rank, id, text, ...(draft ? { draft: true } : {}), ...(box ? { box: true } : {}) })
        const parent = open[open.length - 1]
        if (parent) parent.node.children.push(section)
        else out.push(section)
        open.push({ rank, node: section })
        continue
      }
      const parent = open[open.length - 1]
      if (parent) parent.node.children.push(child as ElementContent)
      else out.push(child)
    }
    tree.children = out
    if (file.data.facts) file.data.facts.toc = toc
  }
}
