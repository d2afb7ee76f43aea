/**
 * Write: build the new site in a temporary folder beside the output, swap it in at the end.
 *
 * The last good site is only replaced by a complete new one: a fatal error, Ctrl-C or a killed
 * process leaves it as it was. Temporary folders left by an interrupted build are removed by
 * the next one (their owning process is gone).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { BYTES, OutputManifest } from './output-manifest.js'

const TMP_TAG = '.kogi-tmp-'
const OLD_TAG = '.kogi-old-'

function processAlive(pid: number): boolean {
  // A killed build whose parent is gone can linger as a zombie where nothing reaps it (PID 1 in a
  // container): it answers signal 0, but it will never finish its build.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false
  } catch {
    // No /proc (not Linux), or no such process: signal 0 decides.
  }
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Remove temporary folders of earlier builds of `outDir` whose process has ended. */
export function cleanStale(outDir: string): string[] {
  const parent = path.dirname(outDir)
  const prefix = `.${path.basename(outDir)}`
  const removed: string[] = []
  if (!fs.existsSync(parent)) return removed
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(prefix + TMP_TAG) && !name.startsWith(prefix + OLD_TAG)) continue
    const pid = Number(name.slice(prefix.length + TMP_TAG.length).split('-')[0])
    if (Number.isInteger(pid) && processAlive(pid)) continue
    fs.rmSync(path.join(parent, name), { recursive: true, force: true })
    removed.push(name)
  }
  return removed
}

/** Writes a site into a staging folder and swaps it into place. */
export class SiteWriter {
  readonly outDir: string
  readonly stage: string
  private done = false
  private readonly manifest: OutputManifest | undefined
  /** Names the new site in the manifest, once committed (src/pipeline/up-to-date.ts). */
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
   * @param manifestFile Where to keep what each file was made from, so that an unchanged file
   *   is linked from the current site instead of written (src/pipeline/output-manifest.ts).
   */
  constructor(outDir: string, manifestFile?: string) {
    this.outDir = path.resolve(outDir)
    this.manifest = manifestFile ? new OutputManifest(manifestFile, this.outDir) : undefined
    this.manifestId = this.manifest?.id
    fs.mkdirSync(path.dirname(this.outDir), { recursive: true })
    cleanStale(this.outDir)
    const suffix = `${process.pid}-${Date.now().toString(36)}`
    this.stage = path.join(path.dirname(this.outDir), `.${path.basename(this.outDir)}${TMP_TAG}${suffix}`)
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
    if (!this.manifest || fs.existsSync(abs)) return false
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
    const abs = this.prepare(rel)
    fs.writeFileSync(abs, data)
    this.manifest?.record(rel, made, abs)
  }

  /** Copy a file into the new site. */
  copy(rel: string, from: string): void {
    const source = fs.statSync(from)
    const made = `copy:${from}:${source.size}:${source.mtimeMs}:${source.ino}`
    if (this.reuse(rel, made)) return
    const abs = this.prepare(rel)
    fs.copyFileSync(from, abs)
    this.manifest?.record(rel, made, abs)
  }

  /** The staging path of `rel`, its folder made, and no file there shared with the old site. */
  private prepare(rel: string): string {
    const abs = this.target(rel)
    if (this.linked.delete(rel)) fs.rmSync(abs, { force: true })
    this.folder(abs)
    return abs
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

  /** Swap the new site into place and drop the old one. */
  commit(): void {
    if (this.done) return
    this.release()
    const old = path.join(path.dirname(this.outDir), `.${path.basename(this.outDir)}${OLD_TAG}${process.pid}-${Date.now().toString(36)}`)
    const hadOld = fs.existsSync(this.outDir)
    if (hadOld) fs.renameSync(this.outDir, old)
    try {
      fs.renameSync(this.stage, this.outDir)
    } catch (error) {
      if (hadOld) fs.renameSync(old, this.outDir)
      throw error
    }
    this.manifest?.save()
    if (hadOld) fs.rmSync(old, { recursive: true, force: true })
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
