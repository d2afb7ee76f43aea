/**
 * rehype plugin: Friston-style boxes. A heading "Box 1" / "box 2" / "BOX 3" (any case, maybe
 * followed by a title) gets the id `box-1`, which `rehype-sections` turns into a boxed aside,
 * and "Box 3" written in running text links to `#box-3` when that box is on the page.
 *
 * Runs after `rehype-slug` (it overrides the slug of box headings so the id is the same
 * whatever title follows) and before the permalinks are added.
 */
import type { Element, Root } from 'hast'
import { headingRank } from 'hast-util-heading-rank'
import { toString } from 'hast-util-to-string'
import { visit } from '../markdown/visit.js'
import { rewriteProse, type Replacement } from './hast-prose.js'

/** Options for {@link rehypeBoxes}. */
export interface Options {
  /** Prefix of box ids; default `box-`. */
  readonly prefix?: string
}

const BOX_HEADING = /^\s*box\s*(\d+)\b/i
const BOX_MENTION = /\bbox\s*(\d+)\b/gi

/** The box number of a heading, if it is a box heading. */
export function boxNumber(node: Element): string | undefined {
  if (!headingRank(node)) return undefined
  return BOX_HEADING.exec(toString(node))?.[1]
}

/**
 * Give box headings their ids and link mentions of them.
 *
 * @param options Id prefix.
 */
export default function rehypeBoxes(options: Readonly<Options> = {}) {
  const prefix = options.prefix ?? 'box-'
  return function transform(tree: Root): void {
    const boxes = new Set<string>()
    visit(tree, 'element', (node) => {
      const n = boxNumber(node)
      if (n === undefined || boxes.has(n)) return
      boxes.add(n)
      node.properties.id = prefix + n
    })
    if (boxes.size === 0) return
    rewriteProse(tree, (text) => {
      const found: Replacement[] = []
      for (const m of text.value.matchAll(BOX_MENTION)) {
        if (!boxes.has(m[1]!)) continue
        const link: Element = { type: 'element', tagName: 'a', properties: { href: `#${prefix}${m[1]}`, className: ['kogi-box-ref'] }, children: [{ type: 'text', value: m[0] }] }
        found.push({ start: m.index, end: m.index + m[0].length, node: link })
      }
      return found
    })
  }
}
