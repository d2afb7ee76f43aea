/**
 * remark plugin: math the way the instructor's kramdown + MathJax site read it.
 *
 * Builds on remark-math, without its fenced form. remark-math's `$$` fences are CommonMark-style code fences: text after
 * an opening `$$` is dropped as "meta", a closing `$$` must stand alone, and a wrongly paired
 * fence swallows the headings and paragraphs after it. kramdown instead pairs `$$` with the
 * next `$$` anywhere. So this plugin registers only the inline (`$…$`, `$$…$$`) construct of
 * micromark-extension-math, runs the source through {@link protectDollarMath} before parsing
 * (which keeps line numbers), and then decides display or inline as kramdown does:
 * a paragraph holding only one `$$…$$` span is display math; a `$$…$$` inside a sentence is
 * inline, except that one carrying `\tag` or a display-only environment (`align`, `equation`, …)
 * is displayed, as MathJax did.
 */
import remarkMath from 'remark-math'
import type { Root, Paragraph, PhrasingContent } from 'mdast'
import type { Math, InlineMath } from 'mdast-util-math'
import type { Processor } from 'unified'
import type { Node, Point } from 'unist'
import type { VFile } from 'vfile'
import { visit } from '../markdown/visit.js'
import { protectDollarMath, restoreDollarMath, restorePositions } from '../math/dollars.js'
import { placeAfter } from '../markdown/place.js'

/** Options for {@link remarkKramdownMath}. */
export interface Options {
  /** Whether `$…$` is inline math, as on the MathJax site; default `true`. */
  readonly singleDollar?: boolean
}

/**
 * What makes an in-sentence `$$…$$` display math: `\tag`, or an environment that only exists
 * in display mode (KaTeX refuses them inline; MathJax set them as a block).
 */
const DISPLAY_ONLY = /\\tag\b|\\begin\{(?:align|alignat|gather|equation|multline|eqnarray|flalign)\*?\}/

/** TeX environments and references written in prose, outside any math delimiters. */
const TEX_IN_PROSE = /\\begin\{([A-Za-z]+\*?)\}/g

/** The line, column and offset of an offset in a text. */
function pointAt(text: string, offset: number): Point {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n'), offset }
}

function isBlank(node: PhrasingContent): boolean {
  return node.type === 'text' && node.value.trim() === ''
}

/** A display-math node shaped exactly as remark-math makes one. */
function displayMath(value: string, position: Paragraph['position']): Math {
  return {
    type: 'math',
    meta: null,
    value,
    position,
    data: { hName: 'pre', hChildren: [{ type: 'element', tagName: 'code', properties: { className: ['language-math', 'math-display'] }, children: [{ type: 'text', value }] }] },
  }
}

/**
 * Parse math with kramdown's `$$` pairing.
 *
 * @param options Whether single dollars delimit math.
 */
export default function remarkKramdownMath(this: Processor, options: Readonly<Options> = {}) {
  const data = this.data()
  /** Start offsets (in the parsed text) of each page's `$$` spans, set by the parser wrapper. */
  const doubleDollarStarts = new WeakMap<VFile, Set<number>>()
  remarkMath.call(this, { singleDollarTextMath: options.singleDollar ?? true })
  // remark-math's `$$` fence (its flow construct) pairs the CommonMark way; kramdown's pairing
  // is done by the source pass below, so only remark-math's inline construct stays.
  const extension = data.micromarkExtensions?.at(-1) as { flow?: unknown } | undefined
  if (extension) delete extension.flow
  const parse = this.parser
  if (parse) {
    this.parser = (document: string, file: VFile) => {
      const { text, spans, added, unclosed } = protectDollarMath(document)
      for (const place of unclosed) {
        file.message(`\`$$\` opened at line ${place.line} is never closed; it is shown as text`, { place, ruleId: 'runaway-math', source: 'kogi' })
      }
      const tree = parse(text, file)
      // Spans are found by the start offsets of the rewritten text, so record them as restored.
      const marks = spans.map((s) => ({ type: 'mark', position: { start: pointAt(text, s.start), end: pointAt(text, s.start) } }))
      restorePositions({ type: 'root', children: [tree, ...marks] } as Node, document, added)
      doubleDollarStarts.set(file, new Set(marks.map((m) => m.position.start.offset!)))
      return tree
    }
  }

  return function transform(tree: Root, file: VFile): void {
    const starts = doubleDollarStarts.get(file) ?? new Set<number>()
    doubleDollarStarts.delete(file)
    const isDouble = (node: InlineMath) => node.position?.start.offset !== undefined && starts.has(node.position.start.offset)
    // MathJax typesets a bare `\begin{equation}` in prose; here it stays text and is reported,
    // because in this author's pages such blocks come from LaTeX papers and mostly use macros
    // the page never defines (they were red errors on the MathJax site too).
    visit(tree, 'text', (node) => {
      for (const m of node.value.matchAll(TEX_IN_PROSE)) {
        file.message(`\\begin{${m[1]}} outside math is shown as text; wrap the environment in $$ … $$ to typeset it`, {
          place: placeAfter(node.position?.start, node.value.slice(0, m.index)),
          ruleId: 'tex-in-prose',
          source: 'kogi',
        })
      }
    })
    visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
      const content = node.children.filter((child) => !isBlank(child))
      const only = content.length === 1 && content[0]!.type === 'inlineMath' ? content[0] : undefined
      if (only?.type === 'inlineMath' && isDouble(only) && parent && index !== undefined) {
        parent.children.splice(index, 1, displayMath(restoreDollarMath(only.value).trim(), node.position))
        return
      }
      for (const child of node.children) {
        if (child.type !== 'inlineMath' || !isDouble(child)) continue
        child.value = restoreDollarMath(child.value)
        const display = DISPLAY_ONLY.test(child.value)
        child.data = {
          ...child.data,
          hProperties: { className: ['language-math', display ? 'math-display' : 'math-inline'] },
          hChildren: [{ type: 'text', value: child.value }],
        }
      }
    })
  }
}
