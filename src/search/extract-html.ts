/**
 * Search sections of a page given as HTML: for pages made outside the page stage (the generated
 * glossary pages), whose HTML is parsed here and read like any page's tree (extract.ts).
 * A module of its own so the HTML parser is loaded only when such a page is indexed.
 */
import { fromHtml } from 'hast-util-from-html'
import { sectionsOf, type Section } from './extract.js'

const FORMULA = /<span class="katex(?:-display)?">/g
const SPAN_TAG = /<span\b|<\/span>/g

/**
 * Cut KaTeX's output out of the HTML before parsing it. Formulas are most of a math-heavy
 * page's markup (a glyph box per symbol) and none of its prose, and parsing them was nearly all
 * of the indexing time; KaTeX's output nests only spans (and svg, which has no spans), so
 * counting span tags finds each formula's end. The tree walk still skips any formula left over.
 */
function stripFormulas(html: string): string {
  let out = ''
  let at = 0
  FORMULA.lastIndex = 0
  for (let open = FORMULA.exec(html); open; open = FORMULA.exec(html)) {
    SPAN_TAG.lastIndex = open.index + open[0].length
    let depth = 1
    for (let tag = SPAN_TAG.exec(html); tag && depth > 0; tag = depth > 0 ? SPAN_TAG.exec(html) : null) depth += tag[0] === '</span>' ? -1 : 1
    if (depth > 0) break
    out += html.slice(at, open.index) + ' '
    at = SPAN_TAG.lastIndex
    FORMULA.lastIndex = at
  }
  return out + html.slice(at)
}

/**
 * Split a page's content HTML into searchable sections (pages made outside the page stage).
 *
 * @param html The page's content HTML (without the layout).
 * @returns Its sections in order; the part before the first heading first, when it has text.
 */
export function extractSections(html: string): Section[] {
  return sectionsOf(fromHtml(stripFormulas(html), { fragment: true }))
}

