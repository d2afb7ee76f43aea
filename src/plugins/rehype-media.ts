/**
 * rehype plugin: embedded media (YouTube `<iframe>`s, `<video>`) that fit a phone screen.
 *
 * The instructor pastes YouTube's embed code, which fixes `width="560" height="315"`; the
 * theme stretches media to the column's width, so the aspect ratio those attributes imply is
 * written as a CSS `aspect-ratio` to keep the height in proportion. Media loads lazily so a
 * lecture with ten videos opens as fast as one without.
 */
import type { Root, Element } from 'hast'
import { visit } from '../markdown/visit.js'

/** Options for {@link rehypeMedia}. */
export interface Options {
  /** Aspect ratio when an iframe gives no width and height; default `16 / 9`. */
  readonly ratio?: string
}

function dimension(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?(px)?$/.test(value.trim()) ? parseFloat(value) : NaN
  return n > 0 ? n : undefined
}

/**
 * Make iframes and videos responsive and lazy.
 *
 * @param options The default aspect ratio.
 */
export default function rehypeMedia(options: Readonly<Options> = {}) {
  const fallback = options.ratio ?? '16 / 9'
  return function transform(tree: Root): void {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'iframe' && node.tagName !== 'video') return
      const props = node.properties
      const w = dimension(props.width)
      const h = dimension(props.height)
      const ratio = w && h ? `${w} / ${h}` : node.tagName === 'iframe' ? fallback : undefined
      const style = typeof props.style === 'string' ? props.style.trim().replace(/;?$/, ';') : ''
      if (ratio && !/aspect-ratio/.test(style)) props.style = `${style}aspect-ratio:${ratio}`.replace(/^;/, '')
      props.className = [...(Array.isArray(props.className) ? props.className : []), 'media']
      if (node.tagName === 'iframe') {
        props.loading ??= 'lazy'
        props.allowFullScreen ??= true
      } else {
        props.preload ??= 'metadata'
        props.playsInline ??= true
      }
    })
  }
}
