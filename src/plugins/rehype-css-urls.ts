/**
 * rehype plugin: the `url(…)` references inside a page's CSS — `style="background:url(x.png)"`
 * attributes and `<style>` elements written in the lecture — get the same treatment as
 * href and src: resolved against the source's folder, prefixed with the base path, and
 * recorded for the link check.
 *
 * Runs after rehype-urls, which starts the page's list of links.
 */
import type { Root, Element, Text } from 'hast'
import type { VFile } from 'vfile'
import { visit } from '../markdown/visit.js'
import type { LinkFact } from '../types.js'
import { resolveUrl, withPageDir, type Options } from './rehype-urls.js'

const CSS_URL = /url\(\s*(['"]?)([^'")]*?)\1\s*\)/g

/**
 * Rewrite every internal `url()` of some CSS text.
 *
 * @param css The CSS as written.
 * @param options Base path, the source's folder and the page resolver.
 * @param found Receives each URL as written and its site path.
 */
export function rewriteCssUrls(css: string, options: Readonly<Options>, found: (raw: string, sitePath: string) => void = () => undefined): string {
  return css.replace(CSS_URL, (whole, quote: string, raw: string) => {
    const resolved = raw.startsWith('data:') ? undefined : resolveUrl(raw, options)
    if (!resolved) return whole
    found(raw, resolved.path)
    return `url(${quote}${resolved.href}${quote})`
  })
}

/**
 * Rewrite and record the URLs in a page's inline CSS.
 *
 * @param options Base path, the source's folder and the page resolver (as for rehype-urls).
 */
export default function rehypeCssUrls(given: Readonly<Options> = {}) {
  return function transform(tree: Root, file: VFile): void {
    const options = withPageDir(given, file)
    const links: LinkFact[] = []
    const record = (node: Element, attribute: string) => (raw: string, path: string) => {
      links.push({ raw, path, attribute, line: node.position?.start.line, column: node.position?.start.column })
    }
    visit(tree, 'element', (node: Element) => {
      const style = node.properties.style
      if (typeof style === 'string' && style.includes('url(')) node.properties.style = rewriteCssUrls(style, options, record(node, `${node.tagName}[style]`))
      if (node.tagName !== 'style') return
      for (const child of node.children) {
        if (child.type === 'text') (child as Text).value = rewriteCssUrls(child.value, options, record(node, 'style'))
      }
    })
    if (file.data.facts) file.data.facts.links.push(...links)
  }
}
