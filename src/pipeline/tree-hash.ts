/**
 * Hash a folder's files into a running hash: each file's path within the folder and its bytes,
 * in path order, so that adding, removing, renaming or changing any file changes the hash.
 * Used for kogi's own sources (src/pipeline/cache.ts) and a build's inputs (up-to-date.ts).
 */
import type crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * @param hash The hash to add to.
 * @param dir The folder; an absent one adds a marker of its absence.
 * @param statAbove Files larger than this many bytes are taken by size, time and inode instead of
 *   read (videos and data sets, which a build copies but never reads).
 */
export function hashTree(hash: crypto.Hash, dir: string, statAbove = Infinity): void {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { recursive: true, withFileTypes: true })
  } catch {
    hash.update(`\u0000absent ${dir}`)
    return
  }
  const files = entries.filter((e) => !e.isDirectory()).map((e) => path.join(e.parentPath ?? e.path, e.name)).sort()
  for (const abs of files) {
    const stat = fs.statSync(abs, { throwIfNoEntry: false })
    hash.update(`\u0000${path.relative(dir, abs)}\u0000`)
    if (!stat?.isFile()) hash.update(`other ${stat?.mode}`)
    else if (stat.size > statAbove) hash.update(`${stat.size} ${stat.mtimeMs} ${stat.ino}`)
    else hash.update(fs.readFileSync(abs))
  }
}
