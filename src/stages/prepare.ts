/**
 * Prepare stage: a page's source made ready for the parser, the same way for a build, the dev
 * server's one-page rebuild and the tests.
 *
 * The nesting guard reads the source as written, before comments are blanked: a comment blanked
 * into spaces at the start of a line is not indentation, and must not be reported as deep nesting.
 * Then comments are blanked out (a build) or revealed as marked drafts (`--drafts`, the dev server).
 */
import type { VFile } from 'vfile'
import { limitNesting } from '../markdown/guard.js'
import { stripComments } from '../markdown/comments.js'
import { revealDrafts } from '../markdown/drafts.js'

/**
 * Prepare a page's source.
 *
 * @param file The page, front matter already blanked; its value is rewritten in place, lines kept.
 * @param options `drafts`: show comments as drafts instead of removing them.
 */
export function prepare(file: VFile, options: { readonly drafts?: boolean | undefined } = {}): void {
  limitNesting(file)
  if (options.drafts) revealDrafts(file)
  else stripComments(file)
}
