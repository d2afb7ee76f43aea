/**
 * Where a line of a lecture's source is on its page: the id of the nearest heading at or above
 * it, so the problems page links into the section holding a problem.
 *
 * The page's heading ids are made by rehype-slug (github-slugger over each heading's text, in
 * order) unless the heading has one; the same is done here over the source's headings, and an
 * id the page does not have (a heading whose text renders differently) is left out, so a link
 * never points at a missing fragment, at worst at the section before.
 */
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import GithubSlugger from 'github-slugger'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'

/** A heading's line in the source and its id on the page. */
export interface Anchor {
  readonly line: number
  readonly id: string
}

/** An HTML heading written as raw HTML, with the attributes and text rehype-slug reads. */
const HTML_HEADING = /<h[1-6]\b([^>]*)>([\s\S]*?)<\/h[1-6]>/gi

const parser = unified().use(remarkParse).use(remarkGfm)

/**
 * The headings of a built page, in source order, with their ids on the page.
 *
 * @param file The page's file as built: its text with the front matter blanked (and drafts
 *   revealed when they were), and the page's ids in `data.facts.ids`.
 */
export function headingAnchors(file: VFile): Anchor[] {
  const ids = new Set(file.data.facts?.ids ?? [])
  const text = String(file.value ?? '')
  const slugger = new GithubSlugger()
  const found: Anchor[] = []
  const add = (line: number | undefined, id: string) => {
    if (line !== undefined && ids.has(id)) found.push({ line, id })
  }
  visit(parser.parse(text) as Root, (node) => {
    if (node.type === 'heading') add(node.position?.start.line, slugger.slug(toString(node)))
    if (node.type !== 'html') return
    for (const m of node.value.matchAll(HTML_HEADING)) {
      const line = (node.position?.start.line ?? 1) + (node.value.slice(0, m.index).match(/\n/g)?.length ?? 0)
      const own = /\bid\s*=\s*["']([^"']+)["']/i.exec(m[1]!)?.[1]
      add(line, own ?? slugger.slug(m[2]!.replace(/<[^>]*>/g, '')))
    }
  })
  return found.sort((a, b) => a.line - b.line)
}

/**
 * The id of the nearest heading at or above a line, or undefined above the first heading.
 *
 * @param anchors The page's headings from {@link headingAnchors}.
 * @param line A line of the source.
 */
export function nearestAnchor(anchors: readonly Anchor[], line: number): string | undefined {
  let id: string | undefined
  for (const a of anchors) {
    if (a.line > line) break
    id = a.id
  }
  return id
}
