/**
 * remark plugin: kramdown inline attribute lists.
 *
 * The instructor writes `[text](url){:target="_blank"}` (and `{target="_blank"}`) after links,
 * `{: style="width: 60%;" class="center"}` after images and on the line after a block, as
 * kramdown allows. CommonMark leaves them as text, so they would show on the page. This plugin
 * turns them into attributes of the element they follow: right after a link or image, onto
 * that element; alone at the end of a paragraph (or as a paragraph of its own), onto that
 * paragraph or the block before it. Links opened in a new tab get `rel="noopener"`.
 * The corpus's misspellings (`{:taget=…}`, `"_blnak"`, `"blank"`, `{:target}`) are applied as
 * meant and reported with the fix. The maintained attribute packages (remark-attributes,
 * remark-attr) read markdown-it's `{…}` syntax for older remark versions, not kramdown's `{:…}`.
 */
import type { Root, Parent, Nodes } from 'mdast'
import type { VFile } from 'vfile'
import { visit } from '../markdown/visit.js'
import { parseAttributeList, oneLine, type AttributeProblem } from '../markdown/attribute-list.js'
import { placeAfter } from '../markdown/place.js'

/** Options for {@link remarkKramdownAttributes}. */
export interface Options {
  /** `rel` given to links that open a new tab; default `noopener`. */
  readonly rel?: string
}

// A list may run over lines, as kramdown reads it: an editor that wraps long lines splits
// `{:target="_blank"}` into `{:target="_b` and `lank"}`.

/** An attribute list at the start of a text (after a link or image). */
const LEADING = /^\{:?[^{}]*\}/
/** An attribute list starting a line of a paragraph and ending it. */
const TRAILING = /(?:^|\n)[ \t]*(\{:[^{}]*\})[ \t]*$/

/** An attribute list inside raw HTML text. */
const IN_HTML = /\{:[^{}<>]*\}|\{\s*target\s*=[^{}<>]*\}/g

type Properties = Record<string, string | string[]>

function applyTo(node: Nodes, attributes: Properties, rel: string): void {
  const data = (node.data ??= {})
  const props = (data.hProperties ??= {}) as Record<string, unknown>
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'className') {
      const before = Array.isArray(props.className) ? (props.className as string[]) : []
      props.className = [...before, ...(value as string[])]
    } else props[key] = value
  }
  if (attributes.target === '_blank' && (node.type === 'link' || node.type === 'linkReference')) props.rel = rel
}

function report(file: VFile, problems: readonly AttributeProblem[], place: { line: number; column: number } | undefined): void {
  for (const p of problems) file.message(p.reason, { place, ruleId: 'kramdown-attributes', source: 'kogi' })
}

/**
 * Apply kramdown attribute lists and remove their text.
 *
 * @param options The `rel` for new-tab links.
 */
export default function remarkKramdownAttributes(options: Readonly<Options> = {}) {
  const rel = options.rel ?? 'noopener'
  return function transform(tree: Root, file: VFile): void {
    visit(tree, (node: Nodes, index, parent: Parent | undefined) => {
      if (node.type !== 'text' || !parent || index === undefined) return
      const previous = index > 0 ? parent.children[index - 1] : undefined
      // Text taken off the front, so later places still count from where the node starts.
      let consumed = ''
      // Span list: straight after a link or image.
      const leading = previous && (previous.type === 'link' || previous.type === 'image' || previous.type === 'linkReference' || previous.type === 'imageReference') ? LEADING.exec(node.value) : null
      if (leading && previous) {
        const parsed = parseAttributeList(leading[0])
        if (parsed) {
          applyTo(previous, parsed.attributes, rel)
          report(file, parsed.problems, placeAfter(node.position?.start, ''))
          consumed = leading[0]
          node.value = node.value.slice(leading[0].length)
        }
      }
      // Block list: the last line of a paragraph, for that paragraph (or, alone, the block before).
      const trailing = parent.type === 'paragraph' && index === parent.children.length - 1 ? TRAILING.exec(node.value) : null
      if (trailing) {
        const parsed = parseAttributeList(trailing[1]!)
        const before = node.value.slice(0, trailing.index + trailing[0].indexOf('{'))
        if (parsed) {
          report(file, parsed.problems, placeAfter(node.position?.start, consumed + before))
          node.value = node.value.slice(0, trailing.index)
          applyTo(parent as Nodes, parsed.attributes, rel)
        }
      }
      // Anywhere else (after a link broken over two lines, say) it has nothing to attach to.
      node.value = node.value.replace(IN_HTML, (list: string, offset: number) => {
        file.message(`attribute list \`${oneLine(list)}\` follows no link, image or block and was removed`, { place: placeAfter(node.position?.start, consumed + node.value.slice(0, offset)), ruleId: 'kramdown-attributes', source: 'kogi' })
        return ''
      })
    })
    // Inside a raw HTML block markdown is not parsed, so a list there has nothing to attach
    // to; it must still never show, so it is removed with a warning.
    visit(tree, 'html', (node) => {
      node.value = node.value.replace(IN_HTML, (list: string, offset: number) => {
        const place = placeAfter(node.position?.start, node.value.slice(0, offset))
        file.message(`attribute list \`${oneLine(list)}\` inside raw HTML has no element to apply to and was removed; leave a blank line after the HTML block so the markdown link is read`, { place, ruleId: 'kramdown-attributes', source: 'kogi' })
        return ''
      })
    })
    // A paragraph that held only an attribute list is now empty: give its attributes to the
    // block before it, as kramdown does, and drop it.
    visit(tree, (node: Nodes, index, parent: Parent | undefined) => {
      if (node.type !== 'paragraph' || !parent || index === undefined) return
      if (node.children.some((c) => c.type !== 'text' || c.value.trim() !== '')) return
      const props = node.data?.hProperties
      if (!props) return
      const target = index > 0 ? parent.children[index - 1] : undefined
      if (target) applyTo(target, props as Properties, rel)
      parent.children.splice(index, 1)
      return index
    })
  }
}
