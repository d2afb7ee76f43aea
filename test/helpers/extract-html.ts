/**
 * Search sections of a page given as HTML: the HTML parsed into a tree and read by the same
 * extractor the page stage uses, so tests can check that a page's recorded sections are those
 * of the HTML it is written as.
 */
import { fromHtml } from 'hast-util-from-html'
import { sectionsOf, type Section } from '../../src/search/extract.js'

const FORMULA = /<span class="katex(?:-display)?">/g
const SPAN_TAG = /<span\b|<\/span>/g

/**
 * Put a space where each KaTeX formula is, as the page stage sees it (a formula is one raw node
 * there, a word break to the extractor). KaTeX's output nests only spans (and svg, which has no
 * spans), so counting span tags finds each formula's end.
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

/** The sections of a page's content HTML. */
export function extractSections(html: string): Section[] {
  return sectionsOf(fromHtml(stripFormulas(html), { fragment: true }))
}
