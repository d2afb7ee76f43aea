/**
 * HTML comments in the markdown source: find them and blank them out before parsing.
 *
 * The instructor hides drafts in `<!-- … -->`, often spanning headings, blank lines and whole
 * sections (37% of the corpus bytes). Removing them before remark sees the text means they can
 * never leak into the site, cost no parse time, and cannot break the block structure around
 * them the way a CommonMark HTML block that ends at a blank line would. Lines and the columns
 * of text after a comment are kept, so messages still point at the right place. Which `<!--`
 * open a comment, and which are code, is decided by the shared source scanner
 * (`markdown/scan.ts`), the way the parser will read the page.
 */
import type { VFile } from 'vfile'
import { scanSource, type CommentRange } from './scan.js'

export type { CommentRange }

/**
 * Find every HTML comment outside code.
 *
 * @param text The markdown source.
 */
export function findComments(text: string): CommentRange[] {
  return text.includes('<!--') ? scanSource(text).comments : []
}

/**
 * Replace a comment with blank text of the same shape: a one-line comment becomes spaces (the
 * columns after it are kept); a multi-line one keeps only its line endings, so lines are kept
 * and whatever follows `-->` starts its line. Padding it to its old column would turn it into
 * an indented code block (or, past 128 columns, set off the nesting guard).
 *
 * @param text The source.
 * @param range One comment of it.
 */
export function blankOut(text: string, range: CommentRange): string {
  const body = text.slice(range.start, range.end)
  return /[\r\n]/.test(body) ? body.replace(/[^\r\n]+/g, '') : ' '.repeat(body.length)
}

/**
 * Remove every comment from a file's text before parsing, warning about one never closed and
 * about a code fence never closed (the comments after it stay hidden all the same).
 *
 * @param file The page; its value is rewritten in place.
 * @param replace How to rewrite each comment (default: blank it out); the drafts preview passes
 *   its own to render comment bodies instead.
 * @returns The comments that were found.
 */
export function stripComments(file: VFile, replace: (text: string, range: CommentRange) => string = blankOut): CommentRange[] {
  const text = String(file.value)
  if (!text.includes('<!--') && !text.includes('```') && !text.includes('~~~')) return []
  const { comments, unclosedFences } = scanSource(text)
  for (const place of unclosedFences) {
    file.message(`code fence opened at line ${place.line} is never closed; everything after it in its block is shown as code`, {
      place,
      ruleId: 'unclosed-fence',
      source: 'kogi',
    })
  }
  let out = ''
  let at = 0
  for (const range of comments) {
    out += text.slice(at, range.start) + replace(text, range)
    at = range.end
    if (!range.closed) {
      file.message(`comment opened at line ${range.line} is never closed; everything after it is hidden`, {
        place: { line: range.line, column: range.column },
        ruleId: 'unclosed-comment',
        source: 'kogi',
      })
    }
  }
  if (comments.length > 0) file.value = out + text.slice(at)
  return comments
}
