/**
 * Drafts preview: instead of blanking HTML comments out, keep their bodies as markdown so the
 * instructor sees hidden sections (`kogi build --drafts`). Only the comment markers go; every
 * line stays on its line, so messages still point at the source. The line ranges are left in
 * `file.data.drafts` for `rehype-drafts` to mark what came from them. The comments revealed are
 * exactly those a build hides (the shared source scanner decides, `markdown/scan.ts`): comments
 * inside code stay code, comments after a fence never closed are drafts.
 */
import type { VFile } from 'vfile'
import { blankOut, stripComments, type CommentRange } from './comments.js'

/** Text that a comment's body becomes: the markers removed, lines kept. */
export function revealComment(text: string, range: CommentRange): string {
  const raw = text.slice(range.start, range.end)
  let body = raw.slice(4, range.closed ? -3 : undefined)
  // A nested `<!--` inside a draft is part of the same draft.
  body = body.replace(/<!--|-->/g, '')
  if (body.trim() === '') return blankOut(text, range)
  // `<!-- ## Heading` must start its line for the heading to parse; drop the spaces after `<!--`.
  const atLineStart = range.start === 0 || text[range.start - 1] === '\n'
  if (atLineStart) body = body.replace(/^[ \t]+/, '')
  return body
}

/**
 * Reveal every comment of a page as a draft.
 *
 * @param file The page; its value is rewritten in place and `file.data.drafts` set.
 */
export function revealDrafts(file: VFile): CommentRange[] {
  const original = String(file.value)
  const ranges = stripComments(file, revealComment)
  file.data.drafts = ranges.map((r) => ({ start: r.line, end: r.line + (original.slice(r.start, r.end).match(/\n/g)?.length ?? 0) }))
  return ranges
}
