/**
 * Hash files into a running hash: each file's path within its folder and its bytes, in the
 * order given, so that adding, removing, renaming or changing any file changes the hash.
 * Used for kogi's own sources (src/speed/cache.ts) and a build's inputs (up-to-date.ts); the
 * files come from the walk of src/stages/discover.ts, the one the build reads by.
 */
import type crypto from 'node:crypto'
import fs from 'node:fs'
import { realFolder, walkFiles, type Found, type WalkProblem } from '../stages/discover.js'

/**
 * Add files to a hash.
 *
 * @param hash The hash to add to.
 * @param files The files, by path through any links (so a link's target is what is hashed).
 * @param statAbove Files larger than this many bytes are taken by size, time and inode instead of
 *   read (videos and data sets, which a build copies but never reads).
 */
export function hashFiles(hash: crypto.Hash, files: readonly Found[], statAbove = Infinity): void {
  for (const { abs, rel } of files) {
    hash.update(`\u0000${rel}\u0000`)
    // A file that went or cannot be read is hashed as such: the build will say so.
    try {
      const stat = fs.statSync(abs)
      if (!stat.isFile()) hash.update(`other ${stat.mode}`)
      else if (stat.size > statAbove) hash.update(`${stat.size} ${stat.mtimeMs} ${stat.ino}`)
      else hash.update(fs.readFileSync(abs))
    } catch (error) {
      hash.update(`unreadable ${(error as NodeJS.ErrnoException).code}`)
    }
  }
}

/**
 * Add the problems met walking a folder (links not followed), which the build reports.
 *
 * @param hash The hash to add to.
 * @param problems The problems, in the walk's order.
 */
export function hashProblems(hash: crypto.Hash, problems: readonly WalkProblem[]): void {
  for (const p of problems) hash.update(`\u0000problem ${p.rel}\u0000${p.ruleId}\u0000${p.reason}`)
}

/**
 * Add every file under a folder, names starting with `.` or `_` included, links followed
 * wherever they lead (loops end): for folders read as a whole, such as kogi's own sources.
 *
 * @param hash The hash to add to.
 * @param dir The folder; an absent one adds a marker of its absence.
 * @param statAbove As for {@link hashFiles}.
 */
export function hashTree(hash: crypto.Hash, dir: string, statAbove = Infinity): void {
  if (realFolder(dir) === undefined) {
    hash.update(`\u0000absent ${dir}`)
    return
  }
  const { files, problems } = walkFiles(dir, { within: 'anywhere', hidden: true })
  hashFiles(hash, files, statAbove)
  hashProblems(hash, problems)
}
