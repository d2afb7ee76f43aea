/**
 * remark plugin: markdown links and images whose target is a `javascript:` URL.
 *
 * A markdown link is a plain link for students to follow; a script behind it is a slip or a
 * pasted trap, never a lecture's intent (no lecture in the corpus has one). The link is shown
 * as its text and the image as its alt text, with a warning where the target is written. Raw
 * HTML is the instructor's own and is left as written, with a warning (rehype-urls.ts).
 */
import type { Root, Nodes, Parents } from 'mdast'
import type { VFile } from 'vfile'
import { visit, SKIP } from '../markdown/visit.js'
import { isScriptUrl } from './rehype-urls.js'

/** Show a value in a message without letting a long one flood it. */
function shown(url: string): string {
  return url.length > 60 ? url.slice(0, 57) + '…' : url
}

/** Replace markdown link and image targets that run scripts. */
export default function remarkUnsafeUrls() {
  return function transform(tree: Root, file: VFile): void {
    // Definitions first: a reference may come before the definition it uses.
    const unsafe = new Set<string>()
    visit(tree, 'definition', (node, index, parent) => {
      if (!isScriptUrl(node.url) || !parent || index === undefined) return
      unsafe.add(node.identifier)
      file.message(`link definition \`[${node.label ?? node.identifier}]: ${shown(node.url)}\` runs a script instead of opening a page; links using it are shown as plain text`, { place: node.position?.start, ruleId: 'unsafe-url', source: 'kogi' })
      parent.children.splice(index, 1)
      return [SKIP, index]
    })
    visit(tree, (node: Nodes, index, parent: Parents | undefined) => {
      if (!parent || index === undefined) return
      let replacement: Nodes[] | undefined
      if (node.type === 'link' && isScriptUrl(node.url)) {
        file.message(`link target \`${shown(node.url)}\` runs a script instead of opening a page; the link is shown as plain text`, { place: node.position?.start, ruleId: 'unsafe-url', source: 'kogi' })
        replacement = node.children
      } else if (node.type === 'image' && isScriptUrl(node.url)) {
        file.message(`image source \`${shown(node.url)}\` runs a script instead of loading an image; its alt text is shown instead`, { place: node.position?.start, ruleId: 'unsafe-url', source: 'kogi' })
        replacement = node.alt ? [{ type: 'text', value: node.alt }] : []
      } else if (node.type === 'linkReference' && unsafe.has(node.identifier)) replacement = node.children
      else if (node.type === 'imageReference' && unsafe.has(node.identifier)) replacement = node.alt ? [{ type: 'text', value: node.alt }] : []
      if (!replacement) return
      ;(parent.children as Nodes[]).splice(index, 1, ...replacement)
      // The replacement's own children are walked next: a link inside an image's text cannot hide.
      return index
    })
  }
}
