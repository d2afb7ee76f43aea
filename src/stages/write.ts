/**
 * Write: build the new site in a temporary folder beside the output, swap it in at the end.
 *
 * The last good site is only replaced by a complete new one: a fatal error, Ctrl-C, a killed
 * process or a full disk leaves it as it was (src/output/swap.ts). Every site carries the mark
 * of a site kogi made (src/output/out-dir.ts), written last, so only kogi's own sites are ever
 * replaced.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { SITE_MARK, SITE_MARK_TEXT } from '../output/out-dir.js'
import { besideOut, cleanStale, discard, swapIn } from '../output/swap.js'
import { diskIsFull, killPoint, writeToFullDisk } from '../output/fault-points.js'

export { cleanStale } from '../output/swap.js'

/** Whether an error is the disk (or the user's quota) being full: no later file can be written either. */
export function isOutOfSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOSPC' || code === 'EDQUOT'
}

/**
 * The message for an error that stopped the site from being written.
 *
 * @param shownOut The output folder as messages name it.
 * @param committed Whether the new site was already in place when the error came.
 */
export function writeFailure(error: unknown, shownOut: string, committed: boolean): string {
  const reason = (error as Error).message
  if (committed) return `the site was written to ${shownOut}, but then: ${reason}`
  if (isOutOfSpace(error)) return `no space left on the device of ${shownOut} (${(error as NodeJS.ErrnoException).code}): the new site could not be written; free some space and build again`
  return `could not write the site to ${shownOut}: ${reason}`
}

/** The key of a file known only by its bytes: a file with the same key may be linked from any path. */
export const BYTES = 'sha1:'

/**
 * Output reuse, as the write stage sees it: the speed layer (src/speed/output-manifest.ts)
 * implements it, and a build without it writes every file.
 */
export interface OutputReuse {
  /** Names the site being written, once committed. */
  readonly id: string
  /** Link the current site's file at `rel` to `target` when it was made under `key` and is untouched since. */
  reuse(rel: string, key: string, target: string): boolean
  /** Remember that the file at `rel` (now at `target`) was made under `key`. */
  record(rel: string, key: string, target: string): void
  /** Keep what was recorded, for the next build. */
  save(): void
}

/** Writes a site into a staging folder and swaps it into place. */
export class SiteWriter {
  readonly outDir: string
  readonly stage: string
  private done = false
  private swapped = false
  /** The full disk that stopped the writing: every later write, and the commit, fail with it. */
  private failure: Error | undefined
  /** Files written (not linked) so far. */
  private written = 0
  private readonly manifest: OutputReuse | undefined
  /** Names the new site in the manifest, once committed (src/speed/up-to-date.ts). */
  readonly manifestId: string | undefined
  /** Paths linked from the current site: never written through, since the old site shares them. */
  private readonly linked = new Set<string>()
  /** Folders of the new site made so far (a site has thousands of files in a few folders). */
  private readonly folders = new Set<string>()
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.abort()
    process.kill(process.pid, signal)
  }

  /**
   * Start a new staging folder beside `outDir`.
   *
   * @param outDir The output folder (`_site`).
   * @param reuse What each file of the current site was made from, so that an unchanged file
   *   is linked from it instead of written (src/speed/output-manifest.ts); none writes every file.
   */
  constructor(outDir: string, reuse?: OutputReuse) {
    this.outDir = path.resolve(outDir)
    this.manifest = reuse
    this.manifestId = this.manifest?.id
    fs.mkdirSync(path.dirname(this.outDir), { recursive: true })
    cleanStale(this.outDir)
    this.stage = besideOut(this.outDir, 'stage')
    fs.mkdirSync(this.stage)
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, this.onSignal)
  }

  /** Absolute staging path of a site-relative path; refuses paths that leave the site. */
  target(rel: string): string {
    const abs = path.resolve(this.stage, rel)
    if (abs !== this.stage && !abs.startsWith(this.stage + path.sep)) throw new Error(`refusing to write outside the site: ${rel}`)
    return abs
  }

  /**
   * Link the current site's file at `rel` into the new site when it was made under `key` and
   * is untouched since.
   *
   * @returns Whether the file is in place; when not, write it with the same key.
   */
  reuse(rel: string, key: string): boolean {
    const abs = this.target(rel)
    if (!this.manifest || this.failure || fs.existsSync(abs)) return false
    this.folder(abs)
    if (!this.manifest.reuse(rel, key, abs)) return false
    this.linked.add(rel)
    return true
  }

  /**
   * Write a file into the new site.
   *
   * @param key What the file was made from (default: a hash of its bytes).
   */
  write(rel: string, data: Buffer | string, key?: string): void {
    const made = key ?? BYTES + crypto.createHash('sha1').update(data).digest('base64')
    if (key === undefined && this.reuse(rel, made)) return
    this.put(rel, made, (abs) => (diskIsFull(this.written) ? writeToFullDisk(data) : fs.writeFileSync(abs, data)))
  }

  /** Copy a file into the new site. */
  copy(rel: string, from: string): void {
    const source = fs.statSync(from)
    const made = `copy:${from}:${source.size}:${source.mtimeMs}:${source.ino}`
    if (this.reuse(rel, made)) return
    this.put(rel, made, (abs) => (diskIsFull(this.written) ? writeToFullDisk(fs.readFileSync(from)) : fs.copyFileSync(from, abs)))
  }

  /**
   * Carry the current site's file at `rel` into the new site as it is, in place of anything
   * written there: the last good version of a page that could not be made this time.
   *
   * @returns Whether the current site has the file.
   */
  keep(rel: string): boolean {
    const from = path.join(this.outDir, rel)
    if (!(fs.lstatSync(from, { throwIfNoEntry: false })?.isFile() ?? false)) return false
    let linked = true
    // Recorded under a key no build makes, so the next build makes the page afresh.
    this.put(rel, 'kept', (abs) => {
      fs.rmSync(abs, { force: true })
      try {
        fs.linkSync(from, abs)
      } catch {
        linked = false
        fs.copyFileSync(from, abs)
      }
    })
    if (linked) this.linked.add(rel)
    return true
  }

  /**
   * Make the file at `rel` with `make`, in its folder, no longer shared with the old site.
   * A full disk is remembered: once it is full, nothing more is tried.
   */
  private put(rel: string, made: string, make: (abs: string) => void): void {
    if (this.failure) throw this.failure
    const abs = this.target(rel)
    try {
      if (this.linked.delete(rel)) fs.rmSync(abs, { force: true })
      this.folder(abs)
      make(abs)
    } catch (error) {
      if (isOutOfSpace(error)) this.failure = error as Error
      throw error
    }
    this.manifest?.record(rel, made, abs)
    this.written++
    killPoint('write')
  }

  private folder(abs: string): void {
    const dir = path.dirname(abs)
    if (this.folders.has(dir)) return
    fs.mkdirSync(dir, { recursive: true })
    this.folders.add(dir)
  }

  /** Whether a path was already written. */
  has(rel: string): boolean {
    return fs.existsSync(this.target(rel))
  }

  /**
   * Mark the new site as kogi's, swap it into place and drop the old one.
   *
   * @throws The full disk that stopped the writing, if any; the old site then stays.
   */
  commit(): void {
    if (this.done) return
    if (this.failure) throw this.failure
    this.write(SITE_MARK, SITE_MARK_TEXT)
    this.release()
    let old: string | undefined
    try {
      old = swapIn(this.stage, this.outDir)
    } catch (error) {
      fs.rmSync(this.stage, { recursive: true, force: true })
      throw error
    }
    this.swapped = true
    this.manifest?.save()
    if (old) discard(this.outDir, old)
  }

  /** Whether the new site is in place. */
  get committed(): boolean {
    return this.swapped
  }

  /** Throw the new site away; the old one stays. */
  abort(): void {
    if (this.done) return
    this.release()
    fs.rmSync(this.stage, { recursive: true, force: true })
  }

  private release(): void {
    this.done = true
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, this.onSignal)
  }
}
