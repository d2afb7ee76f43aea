/**
 * Page pipeline: one lecture's markdown (front matter already blanked) → content HTML + facts.
 *
 * Pure per page: the same source, config and site model give the same result, which is what
 * lets later stages cache it or run it elsewhere. The order of plugins is the order of
 * DESIGN.md: remark-parse → gfm → math → kogi remark plugins → remark-rehype → rehype-raw →
 * kogi rehype plugins → KaTeX → stringify.
 */
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkCjkFriendly from 'remark-cjk-friendly'
import remarkKramdownMath from '../plugins/remark-kramdown-math.js'
import remarkRehype from 'remark-rehype'
import rehypeRaw from 'rehype-raw'
import rehypeRemoveComments from 'rehype-remove-comments'
import rehypeStringify from 'rehype-stringify'
import type { Root, Element, Nodes } from 'hast'
import { visit } from '../markdown/visit.js'
import type { VFile } from 'vfile'
import type { Config } from '../config.js'
import remarkPageMacros from '../plugins/remark-page-macros.js'
import remarkLimitNesting from '../plugins/remark-limit-nesting.js'
import remarkKramdownAttributes from '../plugins/remark-kramdown-attributes.js'
import remarkUnsafeUrls from '../plugins/remark-unsafe-urls.js'
import remarkHtmlMath from '../plugins/remark-html-math.js'
import rehypeKatexPage, { isFormula } from '../plugins/rehype-katex-page.js'
import { FormulaCache } from '../math/katex-cache.js'
import rehypeMathjaxCompat from '../plugins/rehype-mathjax-compat.js'
import rehypeUrls from '../plugins/rehype-urls.js'
import rehypeCssUrls from '../plugins/rehype-css-urls.js'
import { sectionPlugins } from './lecture-sections.js'
import remarkCjkBreaks from '../plugins/remark-cjk-breaks.js'
import rehypeMedia from '../plugins/rehype-media.js'
import rehypeCode from '../plugins/rehype-code.js'
import rehypeImageAlt from '../plugins/rehype-image-alt.js'
import rehypeSearchSections from '../plugins/rehype-search-sections.js'
import type { PageEntry } from '../stages/model.js'
import '../types.js'
// micromark's edit map costs the square of a page's length without it (block quotes, setext headings).
import '../markdown/linear-edit-map.js'
import { listItem } from '../markdown/list-items.js'

/** What the page stage needs besides the file. */
export interface PageContext {
  readonly config: Config
  readonly page: PageEntry
  readonly resolvePage: (sitePath: string) => string | undefined
  /**
   * The processor of this site and thread, made once for all its pages; without it the page
   * gets one of its own (and typesets its formulas with no cache from other pages).
   */
  readonly renderer?: LectureRenderer | undefined
}

/** Text of a node; typeset formulas (raw HTML by now) count as their TeX. */
function plainText(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (isFormula(node)) return node.data.tex
  return 'children' in node ? node.children.map(plainText).join('') : ''
}

/** Collect title, description and ids from the finished tree; titles come from the page's entry. */
function gatherFacts() {
  return function transform(tree: Root, file: VFile): void {
    const facts = file.data.facts!
    const ids: string[] = []
    let heading: string | undefined
    let description: string | undefined
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.push(node.properties.id)
      if (!heading && /^h[1-3]$/.test(node.tagName)) heading = plainText(node).trim() || undefined
      if (!description && node.tagName === 'p') {
        const text = plainText(node).replace(/\s+/g, ' ').trim()
        if (text.length > 20) description = text.length > 160 ? text.slice(0, 159) + '…' : text
      }
    })
    facts.ids = ids
    const page = file.data.page
    const fallback = page ? (page.fallbackTitle ?? page.rel.replace(/^.*\//, '').replace(/\.(md|markdown)$/i, '')) : file.stem ?? ''
    facts.title = page?.matter.title ?? heading ?? fallback
    facts.description = description ?? facts.title
  }
}

/**
 * The lecture processor of one site: made and frozen once per thread and site, then run on
 * every page, which it reads its place in the site from (`file.data.page`).
 */
export class LectureRenderer {
  readonly #processor

  /**
   * @param config The site's config.
   * @param resolvePage The site model's page resolver.
   * @param formulas Typeset formulas shared by the pages this thread renders, across builds.
   */
  constructor(config: Config, resolvePage: (sitePath: string) => string | undefined, formulas: FormulaCache = new FormulaCache()) {
    const urls = { base: config.base, url: config.url, resolvePage }
    const sections = sectionPlugins(config)
    this.#processor = unified()
      .use(remarkParse)
      .use(remarkGfm)
      .use(remarkCjkFriendly)
      .use(remarkCjkBreaks)
      .use(remarkKramdownMath)
      .use(remarkLimitNesting)
      .use(remarkPageMacros, { macros: config.macros })
      .use(remarkKramdownAttributes)
      .use(remarkHtmlMath)
      .use(remarkUnsafeUrls)
      .use(remarkRehype, { allowDangerousHtml: true, handlers: { listItem } })
      .use(rehypeRaw)
      .use(rehypeRemoveComments)
      .use(sections.before)
      .use(rehypeUrls, urls)
      .use(rehypeCssUrls, urls)
      .use(sections.after)
      .use(rehypeMedia)
      .use(rehypeImageAlt)
      .use(rehypeMathjaxCompat)
      .use(rehypeKatexPage, { cache: formulas })
      .use(rehypeCode)
      .use(gatherFacts)
      .use(rehypeSearchSections)
      // Typeset formulas are raw HTML (rehype-katex-page); nothing else is raw after rehype-raw.
      .use(rehypeStringify, { allowDangerousHtml: true })
      .freeze()
  }

  /**
   * Render one page's content.
   *
   * @param file The page's record: front matter in `data.matter` and blanked from the text, its
   *   entry in `data.page`.
   * @returns The content HTML; facts are left in `file.data.facts`, problems in `file.messages`.
   */
  async render(file: VFile): Promise<string> {
    file.data.facts = { title: '', description: '', ids: [], links: [], formulas: 0 }
    const result = await this.#processor.process(file)
    return String(result.value)
  }
}

/**
 * Render one page's content.
 *
 * @param file The page's VFile, front matter in `file.data.matter` and blanked from the text.
 * @param context Config, the page's place in the site, the page resolver and the site's renderer.
 * @returns The content HTML; facts are left in `file.data.facts`, problems in `file.messages`.
 */
export async function renderPage(file: VFile, context: PageContext): Promise<string> {
  file.data.page = context.page
  const renderer = context.renderer ?? new LectureRenderer(context.config, context.resolvePage)
  return renderer.render(file)
}
