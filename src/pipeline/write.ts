/**
 * Write: build the new site in a temporary folder beside the output, swap it in at the end.
 *
 * The last good site is only replaced by a complete new one: a fatal error, Ctrl-C or a killed
 * process leaves it as it was. Temporary folders left by an interrupted build are removed by
 * the next one (their owning process is gone).
 */
import fs from 'node:fs'
import path from 'node:path'

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
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.abort()
    process.kill(process.pid, signal)
  }

  /**
   * Start a new staging folder beside `outDir`.
   *
   * @param outDir The output folder (`_site`).
   */
  constructor(outDir: string) {
    this.outDir = path.resolve(outDir)
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

  /** Write a file into the new site. */
  write(rel: string, data: Buffer | string): void {
    const abs = this.target(rel)
    fs.mkdirSync(path.dirname(abs), { recursive: true })
    fs.writeFileSync(abs, data)
  }

  /** Copy a file into the new site. */
  copy(rel: string, from: string): void {
    const abs = this.target(rel)
    fs.mkdirSync(path.dirname(abs), { recursive: true })
    fs.copyFileSync(from, abs)
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
