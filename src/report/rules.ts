/**
 * Every rule kogi reports under, in one place: its id, the words the report uses for it, and
 * whether `kogi.config.json` may change its level.
 *
 * The order of the table is the order of the report: problems of the site as a whole and pages
 * that could not be built first, then what students would notice on a page (a dead link, a
 * missing figure, a formula in red), then what only the instructor would (style hints).
 */

/** How a rule's messages are reported: a config can turn a rule off or make its problems fatal. */
export type RuleLevel = 'off' | 'warning' | 'error'

/** The levels a config may give a rule. */
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'warning', 'error']

/** One rule of the report. */
export interface Rule {
  readonly id: string
  /** What its problems are, as a plural noun phrase for a count ("3 broken links"). */
  readonly label: string
  /**
   * `check`: a warning the config may turn off or make an error. `fixed`: a problem that stops a
   * page or the site from being built, or a warning of the same rule; its level never changes.
   * `note`: information, shown with `--verbose` only.
   */
  readonly kind: 'check' | 'fixed' | 'note'
}

const rule = (id: string, label: string, kind: Rule['kind']): Rule => ({ id, label, kind })

/** Every rule, in report order. */
export const RULES: readonly Rule[] = [
  rule('content', 'content folder missing', 'fixed'),
  rule('out-dir', 'output folder refused', 'fixed'),
  rule('write', 'site not written', 'fixed'),
  rule('template', 'template errors', 'fixed'),
  rule('layout', 'pages that could not be laid out', 'fixed'),
  rule('encoding', 'files not in UTF-8', 'fixed'),
  rule('read', 'files that could not be read', 'fixed'),
  rule('file-size', 'lectures over the size limit', 'fixed'),
  rule('front-matter', 'front matter problems', 'fixed'),
  rule('url-clash', 'sources with the same URL', 'fixed'),
  rule('crash', 'pages that could not be rendered', 'fixed'),
  rule('page-budget', 'pages over the time, memory or size limit', 'fixed'),
  rule('broken-link', 'broken links', 'check'),
  rule('missing-asset', 'missing images and files', 'check'),
  rule('missing-notebook', 'links to missing notebooks', 'check'),
  rule('katex', 'formulas KaTeX cannot typeset', 'check'),
  rule('katex-macros', 'macro definitions that cannot be read', 'check'),
  rule('formula-too-large', 'formulas over the size or expansion limit, shown as TeX', 'check'),
  rule('page-math-too-large', 'pages with more math than a page may have, the rest shown as TeX', 'check'),
  rule('katex-untrusted', 'formula commands refused for safety', 'check'),
  rule('runaway-math', '$$ never closed', 'check'),
  rule('tex-in-prose', 'LaTeX environments outside math', 'check'),
  rule('equation-ref', 'references to no equation', 'check'),
  rule('missing-fragment', 'links to a missing #id', 'check'),
  rule('unclosed-comment', 'comments never closed', 'check'),
  rule('unclosed-fence', 'code fences never closed', 'check'),
  rule('malformed-url', 'malformed URLs', 'check'),
  rule('unsafe-url', 'javascript: link targets', 'check'),
  rule('outside-site', 'links above the site root', 'check'),
  rule('symlink-broken', 'symbolic links to nothing', 'check'),
  rule('symlink-outside', 'symbolic links leaving the site', 'check'),
  rule('symlink-loop', 'symbolic links in a loop', 'check'),
  rule('asset-clash', 'assets hidden by content files', 'check'),
  rule('glossary-empty', 'glossary terms without a definition', 'check'),
  rule('equation-label', 'equation labels defined twice', 'check'),
  rule('kramdown-attributes', 'attribute lists removed', 'check'),
  rule('nesting', 'nesting flattened', 'check'),
  rule('empty', 'empty lecture files, which make no page', 'check'),
  rule('katex-font', 'characters missing from the KaTeX fonts', 'check'),
  rule('static-home', "static home pages standing where kogi's would be", 'check'),
  rule('code-language', 'unknown code languages', 'check'),
  rule('img-alt', 'images without alt text', 'check'),
  rule('image-alt', 'pages describing images by file name', 'note'),
  rule('sitemap', 'no sitemap', 'note'),
  rule('kept-page', 'pages kept from the last good build', 'note'),
  rule('stand-in-page', "pages shown as kogi's stand-in", 'note'),
  rule('left-out-page', 'pages left out', 'note'),
]

const byId = new Map(RULES.map((r, i) => [r.id, { rule: r, order: i }]))

/** The ids a config may set a level for, in report order. */
export const SETTABLE_RULES: readonly string[] = RULES.filter((r) => r.kind === 'check').map((r) => r.id)

/** The rule with this id, or undefined for a message from elsewhere. */
export function ruleById(id: string): Rule | undefined {
  return byId.get(id)?.rule
}

/** Where a rule comes in the report; rules not in the table come last. */
export function ruleOrder(id: string): number {
  return byId.get(id)?.order ?? RULES.length
}

/** The report's words for a rule's problems; its id when the table does not have it. */
export function ruleLabel(id: string): string {
  return byId.get(id)?.rule.label ?? id
}
