/**
 * The dev server's file watcher: every save is seen, however it is made.
 *
 * Node's recursive `fs.watch` follows inodes on Linux: after a save that replaces the file (`sed
 * -i`, an editor's atomic save: write a new file, rename it over the old one) it keeps watching
 * the old inode and the file's later saves are never seen. chokidar watches each folder and
 * file, watches a replaced file anew, and notices files and folders moved in, moved out, deleted
 * and re-created.
 *
 * chokidar drops a second change of a path within 50 ms of the first, and a second removal
 * within 100 ms: two quick saves, the second after the rebuild read the first. So each path is
 * looked at again {@link RECHECK_MS} after its last event, and reported once more when it is not
 * what it was at that event.
 */
import fs from 'node:fs'
import path from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { isInside } from '../stages/discover.js'

/** What to watch. */
export interface WatchOptions {
  /** Files and folders to watch; one that does not exist yet is watched for until it appears. */
  readonly paths: readonly string[]
  /** Folders never watched: kogi's output and cache, which a build writes into. */
  readonly ignore: readonly string[]
  /** Called with the absolute path of each file or folder added, changed or removed. */
  readonly onChange: (abs: string) => void
}

/** A running watcher. */
export interface SourceWatcher {
  /** Stop watching; no change is reported after it resolves. */
  close(): Promise<void>
}

/** Longer than chokidar's longest window for dropping a repeated event (100 ms, removals). */
const RECHECK_MS = 150

/**
 * What a path is at one moment: enough to tell a new save from none. A folder's own times change
 * with each file written in it, which is reported by itself: only its replacement counts.
 */
function signature(abs: string): string {
  const stat = fs.statSync(abs, { throwIfNoEntry: false })
  if (!stat) return 'none'
  return stat.isDirectory() ? `folder ${stat.ino}` : `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`
}

/**
 * Whether a path is left out: below an ignored folder, or named with a dot (`.git`, an editor's
 * swap file) or `node_modules` below the watched path that holds it.
 *
 * @param abs The absolute path chokidar asks about.
 * @param options The watched paths and ignored folders.
 */
export function isUnwatched(abs: string, options: Pick<WatchOptions, 'paths' | 'ignore'>): boolean {
  if (options.ignore.some((dir) => isInside(abs, dir))) return true
  const root = options.paths.find((p) => isInside(abs, p))
  if (root === undefined) return false
  return path
    .relative(root, abs)
    .split(path.sep)
    .some((name) => name.startsWith('.') || name === 'node_modules')
}

/**
 * Start watching; resolves once every watched folder has been read, so a change made after it
 * is reported.
 *
 * @param options What to watch and whom to tell.
 */
export async function watchSources(options: WatchOptions): Promise<SourceWatcher> {
  const paths = [...new Set(options.paths.map((p) => path.resolve(p)))]
  const ignore = options.ignore.map((p) => path.resolve(p))
  // A folder inside another watched one would report each change twice.
  const roots = paths.filter((p) => !paths.some((q) => q !== p && isInside(p, q)))
  const rechecks = new Map<string, NodeJS.Timeout>()
  let closed = false

  const report = (abs: string) => {
    if (closed) return
    options.onChange(abs)
    clearTimeout(rechecks.get(abs))
    const seen = signature(abs)
    rechecks.set(
      abs,
      setTimeout(() => {
        rechecks.delete(abs)
        if (signature(abs) !== seen) report(abs)
      }, RECHECK_MS),
    )
  }

  // chokidar says it is ready before it has read the folders when a path given to it does not
  // exist: those are added once it is (it then watches their folder until they appear).
  const missing = roots.filter((p) => !fs.existsSync(p))
  const present = roots.filter((p) => !missing.includes(p))
  const watcher: FSWatcher = watch(
    present,
    {
      ignoreInitial: true,
      // Replacing saves are seen as they are (a removal, then an addition, or a change): the dev
      // server gathers the events of a moment into one rebuild, which reads what is on disk then.
      atomic: false,
      ignored: (abs: string) => isUnwatched(abs, { paths: roots, ignore }),
    },
  )
  watcher.on('all', (_event, abs) => report(path.resolve(abs)))
  // A folder that cannot be read (permissions) must not stop the server; the build reports it.
  watcher.on('error', () => undefined)
  if (present.length > 0) await new Promise<void>((resolve) => watcher.once('ready', resolve))
  if (missing.length > 0) watcher.add(missing)
  return {
    close: async () => {
      closed = true
      for (const timer of rechecks.values()) clearTimeout(timer)
      rechecks.clear()
      await watcher.close()
    },
  }
}
