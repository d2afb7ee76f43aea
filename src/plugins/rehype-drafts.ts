/**
 * rehype plugin: mark what the drafts preview revealed from HTML comments.
 *
 * Every top-level block whose source lines fall inside a revealed comment gets the class
 * `kogi-draft` (a heading's section inherits it in `rehype-sections`), and each run of such
 * blocks starts with a banner "下書き — 非公開", so a draft is never mistaken for published
 * text. Does nothing unless `file.data.drafts` is set (see `markdown/drafts.ts`).
 */
import type { Element, Root, RootContent } from 'hast'
import type { VFile } from 'vfile'
import { headingRank } from 'hast-util-heading-rank'

/** Options for {@link rehypeDrafts}. */
export interface Options {
  /** Banner text at the start of each draft; default 下書き — 非公開. */
  readonly banner?: string
}

/**
 * Mark draft blocks.
 *
 * @param options Banner text.
 */
export default function rehypeDrafts(options: Readonly<Options> = {}) {
  const banner = options.banner ?? '下書き — 非公開'
  return function transform(tree: Root, file: VFile): void {
    const drafts = file.data.drafts
    if (!drafts || drafts.length === 0) return
    const rangeOf = (node: RootContent): number => {
      const line = node.position?.start.line
      return line === undefined ? -1 : drafts.findIndex((d) => line >= d.start && line <= d.end)
    }
    const out: RootContent[] = []
    let current = -1
    for (const node of tree.children) {
      const range = node.type === 'element' ? rangeOf(node) : -1
      if (node.type === 'element' && range >= 0) {
        const cls = node.properties.className
        node.properties.className = [...(Array.isArray(cls) ? cls : []), 'kogi-draft']
        const note: Element = { type: 'element', tagName: 'p', properties: { className: ['kogi-draft-banner'], role: 'note' }, children: [{ type: 'text', value: banner }] }
        // After a heading, so the banner sits inside the draft's own section.
        if (range !== current && headingRank(node)) out.push(node, note)
        else if (range !== current) out.push(note, node)
        else out.push(node)
        current = range
        continue
      }
      if (node.type === 'element') current = -1
      out.push(node)
    }
    tree.children = out
  }
}
