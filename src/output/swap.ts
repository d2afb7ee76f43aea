/**
 * Swapping a new site into the output folder X, and the folders kept beside X meanwhile:
 * `.X.kogi-tmp-*` (a site being written), `.X.kogi-old-*` (the previous site, moved aside for
 * the instant between the two renames of a swap) and `.X.kogi-del-*` (a previous site being
 * deleted). Each name carries the id of the process that made it, so a build tells a running
 * build's folders from the leftovers of a killed one.
 *
 * Node has no atomic exchange of two folders, so a swap is two renames; a build killed between
 * them leaves no X, only the old site beside it. The next kogi command puts it back before
 * anything else ({@link restoreInterrupted}), so the output folder always shows a whole site,
 * old or new, to anyone but the instant between two renames.
 */
import fs from 'node:fs'
import path from 'node:path'
import { killPoint } from './fault-points.js'

const TAGS = { stage: '.kogi-tmp-', old: '.kogi-old-', trash: '.kogi-del-' } as const
type Kind = keyof typeof TAGS

let made = 0

/** A new folder name beside `outDir` of the given kind, owned by this process. */
export function besideOut(outDir: string, kind: Kind): string {
  // The count keeps two names made in the same millisecond apart.
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}${TAGS[kind]}${process.pid}-${Date.now().toString(36)}-${made++}`)
}

interface Leftover {
  readonly kind: Kind
  readonly name: string
  readonly abs: string
  readonly alive: boolean
  /** When it was made (ms), from its name. */
  readonly time: number
}

/** The folders beside `outDir` that builds made. */
function leftovers(outDir: string): Leftover[] {
  const parent = path.dirname(outDir)
  const prefix = `.${path.basename(outDir)}`
  let names: string[]
  try {
    names = fs.readdirSync(parent)
  } catch {
    return []
  }
  const found: Leftover[] = []
  for (const name of names) {
    const kind = (Object.keys(TAGS) as Kind[]).find((k) => name.startsWith(prefix + TAGS[k]))
    if (!kind) continue
    const [pid, time] = name.slice(prefix.length + TAGS[kind].length).split('-')
    found.push({ kind, name, abs: path.join(parent, name), alive: Number.isInteger(Number(pid)) && processAlive(Number(pid)), time: parseInt(time ?? '', 36) || 0 })
  }
  return found
}

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

/**
 * Put back the site a killed build had moved aside, when nothing took its place.
 *
 * @returns The name of the folder put back, or undefined when there was nothing to do.
 */
export function restoreInterrupted(outDir: string): string | undefined {
  const out = path.resolve(outDir)
  if (fs.lstatSync(out, { throwIfNoEntry: false })) return undefined
  const newest = leftovers(out)
    .filter((l) => l.kind === 'old' && !l.alive)
    .sort((a, b) => b.time - a.time)[0]
  if (!newest) return undefined
  fs.renameSync(newest.abs, out)
  return newest.name
}

/**
 * Put back an interrupted swap's site, then remove what builds that have ended left beside `outDir`.
 *
 * @returns The names of the folders removed.
 */
export function cleanStale(outDir: string): string[] {
  const out = path.resolve(outDir)
  restoreInterrupted(out)
  const removed: string[] = []
  for (const l of leftovers(out)) {
    if (l.alive) continue
    if (l.kind === 'old') discard(out, l.abs)
    else fs.rmSync(l.abs, { recursive: true, force: true })
    removed.push(l.name)
  }
  return removed
}

/**
 * Replace the site in `outDir` by the one in `stage`; on failure the old site is back in place.
 *
 * @returns Where the old site was moved, for {@link discard}; undefined when there was none.
 */
export function swapIn(stage: string, outDir: string): string | undefined {
  const old = fs.existsSync(outDir) ? besideOut(outDir, 'old') : undefined
  if (old) {
    fs.renameSync(outDir, old)
    killPoint('aside')
  }
  try {
    fs.renameSync(stage, outDir)
  } catch (error) {
    if (old) fs.renameSync(old, outDir)
    throw error
  }
  killPoint('swapped')
  return old
}

/**
 * Delete an old site moved aside by a swap. It is renamed out of the `old` names first, so a
 * half-deleted site is never put back as a whole one.
 */
export function discard(outDir: string, old: string): void {
  const trash = besideOut(outDir, 'trash')
  fs.renameSync(old, trash)
  killPoint('discarding')
  fs.rmSync(trash, { recursive: true, force: true })
}
