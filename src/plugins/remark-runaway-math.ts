/**
 * remark plugin: warn about a display formula whose closing `$$` never comes.
 *
 * An unclosed `$$` runs to the end of its block container, swallowing the prose, headings
 * and figures after it into one bogus formula. The formula still renders (as an error, most
 * likely), but the author needs to know where it starts and how far it runs.
 */
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { visit } from 'unist-util-visit'

/**
 * Report display math that is not closed by a `$$` line.
 */
export default function remarkRunawayMath() {
  return function transform(tree: Root, file: VFile): void {
    const text = String(file.value)
    visit(tree, 'math', (node) => {
      const start = node.position?.start
      const end = node.position?.end
      if (!start || !end || end.offset === undefined) return
      const closing = text.slice(0, end.offset).trimEnd()
      if (closing.endsWith('$$') && end.line > start.line) return
      if (end.line === start.line) return
      file.message(`display math opened at line ${start.line} is never closed with \`$$\`; it swallows everything up to line ${end.line}`, {
        place: start,
        ruleId: 'runaway-math',
        source: 'kogi',
      })
    })
  }
}
