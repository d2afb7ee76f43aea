/**
 * The files of the last site written, kept in the cache folder: for each site path, a key of
 * what made the file and the size, modification time and inode it was written with.
 *
 * A build that would write a file under the same key as last time links the file of the
 * current site into the new one instead (as `rsync --link-dest` does): no template is run and
 * no data is written. On the corpus a warm build otherwise spends most of its time writing
 * 3,700 files that are byte for byte those already there. The stat check means a file changed
 * in the site since (by hand, or by the dev server) is written anew; a damaged manifest reads
 * as empty, so the worst it can cost is time.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { readChecked, writeChecked } from './checksummed.js'
import { BYTES, type OutputReuse } from '../stages/write.js'

interface Entry {
  readonly key: string
  readonly size: number
  readonly mtimeMs: number
  readonly ino: number
}

/** How keys that are a hash of a file's bytes begin. */

/** Where the manifest of the site in `outDir` is kept: one per output folder. */
export function manifestFile(cacheDir: string, outDir: string): string {
  return path.join(cacheDir, 'output', `${crypto.createHash('sha256').update(path.resolve(outDir)).digest('hex').slice(0, 16)}.bin`)
}

/** What the site in `outDir` was made from, and what the site being built is made from. */
export class OutputManifest implements OutputReuse {
  private readonly previous: ReadonlyMap<string, Entry>
  private readonly next = new Map<string, Entry>()
  /** Names the site the manifest describes, so a record of a build can tell it is that build's site. */
  readonly previousId: string | undefined
  readonly id = crypto.randomUUID()

  /**
   * @param file Where the manifest is kept (in the cache folder).
   * @param outDir The site it describes; a manifest of another folder is not used.
   */
  constructor(
    private readonly file: string,
    private readonly outDir: string,
  ) {
    const stored = readChecked<{ id: string; entries: Map<string, Entry> }>(file, outDir)
    this.previous = stored?.entries instanceof Map ? stored.entries : new Map()
    this.previousId = stored?.entries instanceof Map ? stored.id : undefined
  }

  /**
   * Link the current site's file at `rel` to `target` when it was made under `key` and is
   * untouched since.
   *
   * @returns Whether `target` now exists.
   */
  reuse(rel: string, key: string, target: string): boolean {
    // A file known by its bytes may come from any path of the old site: the search index's
    // files move to a folder named for the whole index whenever one page changes.
    const from = this.previous.get(rel)?.key === key ? rel : key.startsWith(BYTES) ? this.byBytes().get(key) : undefined
    const old = from === undefined ? undefined : this.previous.get(from)
    if (!old) return false
    const abs = path.join(this.outDir, from!)
    const stat = fs.statSync(abs, { throwIfNoEntry: false })
    if (!stat || stat.size !== old.size || stat.mtimeMs !== old.mtimeMs || stat.ino !== old.ino) return false
    try {
      fs.linkSync(abs, target)
    } catch {
      return false
    }
    this.next.set(rel, old)
    return true
  }

  private bytesIndex: Map<string, string> | undefined
  private byBytes(): Map<string, string> {
    if (!this.bytesIndex) {
      this.bytesIndex = new Map()
      for (const [rel, entry] of this.previous) if (entry.key.startsWith(BYTES)) this.bytesIndex.set(entry.key, rel)
    }
    return this.bytesIndex
  }

  /** Note a file just written to `target` for `rel`, made under `key`. */
  record(rel: string, key: string, target: string): void {
    const { size, mtimeMs, ino } = fs.statSync(target)
    this.next.set(rel, { key, size, mtimeMs, ino })
  }

  /**
   * Whether `outDir` holds exactly the files the manifest lists, each untouched since it was
   * written: no file changed, removed or added.
   */
  intact(): boolean {
    if (this.previous.size === 0) return false
    let files = 0
    try {
      for (const entry of fs.readdirSync(this.outDir, { recursive: true, withFileTypes: true })) {
        if (entry.isDirectory()) continue
        const rel = path.relative(this.outDir, path.join(entry.parentPath ?? entry.path, entry.name))
        const old = this.previous.get(rel.split(path.sep).join('/'))
        if (!old || !entry.isFile()) return false
        const stat = fs.statSync(path.join(this.outDir, rel))
        if (stat.size !== old.size || stat.mtimeMs !== old.mtimeMs || stat.ino !== old.ino) return false
        files++
      }
    } catch {
      return false
    }
    return files === this.previous.size
  }

  /** Keep the new site's manifest, once it has replaced the old site. */
  save(): void {
    writeChecked(this.file, this.outDir, { id: this.id, entries: this.next })
  }
}
