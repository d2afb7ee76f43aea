/**
 * rehype plugin: the instructor's figure idioms become `<figure>` with `<figcaption>` and an id.
 *
 * - `<div class="figcenter"><img …></div>` followed by (or holding) `<div class="figcaption">…</div>`
 * - `<center><img …><br/>caption</center>`
 *
 * Every image gets `loading="lazy"`, and its width and height when the file is local and the
 * author set neither (so the page does not jump while images load). An image without `alt`
 * is a warning; inside a figure it takes the caption's text as alt. Runs before `rehype-urls`,
 * so `src` is still as the author wrote it.
 */
import fs from 'node:fs'
import type { Element, ElementContent, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import { imageSize } from 'image-size'
import { visit, visitParents } from '../markdown/visit.js'
import type { VFile } from 'vfile'

/** Options for {@link rehypeFigures}. */
export interface Options {
  /** Maps an image `src` as written on the page `file` to a file on disk, or undefined when it is not local. */
  readonly resolveFile?: (src: string, file: VFile) => string | undefined
  /** Prefix of figure ids; default `fig-`. */
  readonly prefix?: string
}

function hasClass(node: ElementContent | undefined, name: string): node is Element {
  if (node?.type !== 'element') return false
  const c = node.properties.className
  return Array.isArray(c) && c.includes(name)
}

function isBlank(node: ElementContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

function hasImage(node: Element): boolean {
  let found = false
  visit(node, 'element', (n) => {
    if (n.tagName === 'img') found = true
  })
  return found
}

function trimBlank(nodes: ElementContent[]): ElementContent[] {
  let a = 0
  let b = nodes.length
  while (a < b && (isBlank(nodes[a]!) || (nodes[a]!.type === 'element' && (nodes[a] as Element).tagName === 'br'))) a++
  while (b > a && (isBlank(nodes[b - 1]!) || (nodes[b - 1]!.type === 'element' && (nodes[b - 1] as Element).tagName === 'br'))) b--
  return nodes.slice(a, b)
}

/** Figure parts of `<center>`: what comes before the first `<br>` after an image, and after. */
function splitCenter(node: Element): { media: ElementContent[]; caption: ElementContent[] } {
  const br = node.children.findIndex((c, i) => c.type === 'element' && c.tagName === 'br' && node.children.slice(0, i).some((x) => x.type === 'element' && hasImage(x) || (x.type === 'element' && x.tagName === 'img')))
  if (br < 0) return { media: node.children, caption: [] }
  return { media: node.children.slice(0, br), caption: node.children.slice(br + 1) }
}

/**
 * Make figures and finish images.
 *
 * @param options How to find local image files; id prefix.
 */
export default function rehypeFigures(options: Readonly<Options> = {}) {
  const prefix = options.prefix ?? 'fig-'
  return function transform(tree: Root, file: VFile): void {
    let count = 0
    const figure = (media: ElementContent[], caption: ElementContent[], from: Element): Element => {
      const cap = trimBlank(caption)
      const children: ElementContent[] = [...trimBlank(media)]
      if (cap.length > 0 && toString({ type: 'element', tagName: 'span', properties: {}, children: cap }).trim() !== '') {
        children.push({ type: 'element', tagName: 'figcaption', properties: {}, children: cap })
      }
      return { type: 'element', tagName: 'figure', properties: { id: `${prefix}${++count}`, className: ['kogi-figure'] }, children, position: from.position }
    }
    visit(tree, (node) => {
      if (node.type !== 'root' && node.type !== 'element') return
      const kids = node.children as ElementContent[]
      for (let i = 0; i < kids.length; i++) {
        const child = kids[i]!
        if (child.type !== 'element') continue
        if (child.tagName === 'center' && hasImage(child)) {
          const { media, caption } = splitCenter(child)
          kids[i] = figure(media, caption, child)
        } else if (hasClass(child, 'figcenter') && hasImage(child)) {
          const inner = child.children.findIndex((c) => hasClass(c, 'figcaption'))
          if (inner >= 0) {
            kids[i] = figure(child.children.filter((_, k) => k !== inner), (child.children[inner] as Element).children, child)
            continue
          }
          let j = i + 1
          while (j < kids.length && isBlank(kids[j]!)) j++
          const next = kids[j]
          if (hasClass(next, 'figcaption')) {
            kids[i] = figure(child.children, next.children, child)
            kids.splice(i + 1, j - i)
          } else kids[i] = figure(child.children, [], child)
        }
      }
    })
    visitParents(tree, 'element', (node, ancestors) => {
      if (node.tagName !== 'img') return
      node.properties.loading ??= 'lazy'
      if (node.properties.alt === undefined) {
        const fig = ancestors.find((a): a is Element => a.type === 'element' && a.tagName === 'figure')
        const caption = fig?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'figcaption')
        const alt = caption ? toString(caption).replace(/\s+/g, ' ').trim() : ''
        file.message(`image ${String(node.properties.src ?? '')} has no alt text${alt ? '; the caption is used' : ''}`, { place: node.position?.start, ruleId: 'img-alt', source: 'kogi' })
        if (alt) node.properties.alt = alt
      }
      const src = node.properties.src
      if (typeof src !== 'string' || node.properties.width !== undefined || node.properties.height !== undefined) return
      const local = options.resolveFile?.(src, file)
      if (!local) return
      try {
        const size = imageSize(fs.readFileSync(local))
        if (size.width && size.height) {
          node.properties.width = size.width
          node.properties.height = size.height
        }
      } catch {
        // A missing or unreadable image is the link check's business, not this plugin's.
      }
    })
  }
}
