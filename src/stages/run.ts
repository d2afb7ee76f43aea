/**
 * What one build carries from stage to stage besides its pages: the files that hold its
 * messages (pages, templates, the content folder itself), its stage timings, and how paths are
 * shown in messages.
 */
import path from 'node:path'
import { VFile } from 'vfile'
import { Timings } from '../report/timings.js'

/** The messages and timings of one build. */
export class BuildRun {
  readonly started = performance.now()
  readonly timings = new Timings()
  /** Every file that carries messages, in the order the report lists them. */
  readonly files: VFile[] = []
  /** Messages about the site as a whole (the content folder, the output folder). */
  readonly siteFile: VFile

  /**
   * @param cwd The folder paths in messages are relative to.
   * @param contentDir The content folder, which names the site's own messages.
   */
  constructor(
    readonly cwd: string,
    contentDir: string,
  ) {
    this.siteFile = new VFile({ path: this.display(contentDir) })
    this.files.push(this.siteFile)
  }

  /** A path as messages show it: relative to the working folder (a bound function, to pass along). */
  readonly display = (abs: string): string => path.relative(this.cwd, abs) || '.'

  /**
   * A new file for messages about a path that is not a page (a template, a link, a static file).
   *
   * @param abs The path.
   * @returns The file, already listed in the report.
   */
  fileFor(abs: string): VFile {
    const file = new VFile({ path: this.display(abs) })
    this.files.push(file)
    return file
  }
}
