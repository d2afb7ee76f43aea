/**
 * rehype plugin: highlight code blocks at build time with Shiki, in a light and a dark theme.
 *
 * Shiki writes both themes' colours into each token as CSS variables (`--shiki-light`,
 * `--shiki-dark`), so the page switches with the site's colour scheme and ships no highlighter
 * script. Grammars load on demand: a site of Python lectures pays for Python only. A fence
 * naming a language Shiki does not know is shown as plain text and reported with its line.
 */
import rehypeShiki from '@shikijs/rehype'
import { bundledLanguages } from 'shiki'
import type { Processor } from 'unified'
import type { Root, Element, ElementContent } from 'hast'
import type { VFile } from 'vfile'
import { visit } from '../markdown/visit.js'

/** Options for {@link rehypeCode}. */
export interface Options {
  /** Shiki theme for the light scheme; default `github-light-default`. */
  readonly light?: string
  /** Shiki theme for the dark scheme; default `github-dark-default`. */
  readonly dark?: string
}

/** Names that mean "no highlighting" rather than a mistake. */
const PLAIN = new Set(['text', 'txt', 'plain', 'plaintext', 'ansi', 'output', 'console'])

function languageOf(node: Element): string | undefined {
  const cls = node.properties.className
  const name = Array.isArray(cls) ? cls.find((c): c is string => typeof c === 'string' && c.startsWith('language-')) : undefined
  return name?.slice('language-'.length)
}

/**
 * Highlight fenced code.
 *
 * @param options The light and dark themes.
 */
export default function rehypeCode(this: Processor, options: Readonly<Options> = {}) {
  const shiki = rehypeShiki.call(this, {
    themes: { light: options.light ?? 'github-light-default', dark: options.dark ?? 'github-dark-default' },
    defaultColor: false,
    langs: [],
    lazy: true,
    fallbackLanguage: 'text',
    // Shiki stops tokenizing a line after 500 ms by default and shows the rest plain: on a busy
    // machine a long line then came out in other colours from one build to the next. The page's
    // own time budget (src/speed/render-pages.ts) is what stops a runaway page.
    tokenizeTimeLimit: 0,
  })
  return async function transform(tree: Root, file: VFile): Promise<void> {
    visit(tree, 'element', (node: Element, _index, parent) => {
      if (node.tagName !== 'code' || parent?.type !== 'element' || parent.tagName !== 'pre') return
      const lang = languageOf(node)
      if (!lang || PLAIN.has(lang.toLowerCase()) || lang.toLowerCase() in bundledLanguages) return
      file.message(`unknown code language ${JSON.stringify(lang)}: shown without highlighting`, { place: parent.position ?? node.position, ruleId: 'code-language', source: 'kogi' })
    })
    await shiki?.(tree, file, () => undefined)
    flattenRoots(tree)
  }
}

/**
 * @shikijs/rehype puts each highlighted block into the tree as a `root` node holding the `<pre>`;
 * later stages (the search extraction) expect a root only at the top, so its children take its place.
 */
function flattenRoots(parent: Root | Element): void {
  for (let i = 0; i < parent.children.length; i++) {
    const child = parent.children[i] as Root | ElementContent
    if (child.type === 'root') {
      parent.children.splice(i, 1, ...(child.children as ElementContent[]))
      i--
    } else if (child.type === 'element') flattenRoots(child)
  }
}
