/**
 * One bad lecture never keeps the others from students. A page whose source has an error (it
 * cannot be read, its front matter is broken, it cannot be rendered or laid out) keeps its page
 * from the current site when there is one, or is left out, and every other page is new; the
 * build still fails, with each error at its place. An error in the site as a whole (a template,
 * the content folder, writing) still writes nothing, leaving the whole previous site.
 */
import type { VFile } from 'vfile'
import type { SiteWriter } from '../stages/write.js'

/** A page of the site (or one that could not join it) and the file its messages go on. */
export interface PageSource {
  readonly file: VFile
  /** Its file in the site (`c/lect1/index.html`). */
  readonly outFile: string
  /** Whether kogi made the page itself (a course or home page with no source). */
  readonly generated?: boolean
}

const hasError = (file: VFile) => file.messages.some((m) => m.fatal === true)

/**
 * Whether every error of a build is on a page's own file, so the rest of the site can be written.
 *
 * @param files Every file of the build that carries messages.
 * @param pages Every page and every source that could not become one.
 */
export function onlyPageErrors(files: readonly VFile[], pages: readonly PageSource[]): boolean {
  const own = new Set(pages.map((p) => p.file))
  return files.every((f) => own.has(f) || !hasError(f))
}

/**
 * Give each page with an error its page from the current site, in place of whatever this build
 * made at its address (nothing, or kogi's stand-in for a broken index page), and say on its file
 * what students will see until it is fixed.
 *
 * @param writer The new site.
 * @param pages Every page and every source that could not become one.
 */
export function keepLastGood(writer: SiteWriter, pages: readonly PageSource[]): void {
  // Where another source's good page is (two sources for one address), that page stays.
  const good = new Set(pages.filter((p) => !p.generated && !hasError(p.file)).map((p) => p.outFile))
  for (const page of pages) {
    if (!hasError(page.file) || good.has(page.outFile)) continue
    const note = (reason: string, ruleId: string) => page.file.info(`${reason} until this is fixed`, { ruleId, source: 'kogi' })
    if (writer.keep(page.outFile)) note(`the site keeps this page as the last good build made it`, KEPT)
    else if (writer.has(page.outFile)) note(`the site shows a page kogi made in its place`, STAND_IN)
    else note(`the page is left out of the site`, LEFT_OUT)
  }
}

/** The rule of the note on a page that kept its previous version. */
export const KEPT = 'kept-page'
/** The rule of the note on a page with no previous version that kogi's own page stands in for. */
export const STAND_IN = 'stand-in-page'
/** The rule of the note on a page left out of the site. */
export const LEFT_OUT = 'left-out-page'
