/**
 * The output folder: kogi replaces it whole at every build, so it must be a folder kogi made.
 *
 * Every site kogi writes holds a mark, `.kogi-site`. An existing output folder is replaced only
 * when it carries that mark, is empty, lies in kogi's own cache folder, or is a site an older
 * kogi wrote (every file in it as kogi's record of its last build lists it). Anything else — a
 * file, a symbolic link, a `.git` folder or one holding it, the home folder, the root of the file
 * system, a folder holding the sources or the working folder, a folder of someone's files — is
 * refused before the build starts, with the reason, and nothing in it is touched.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { VFile } from 'vfile'
import { isInside } from '../stages/discover.js'
import { OutputManifest, manifestFile } from '../speed/output-manifest.js'
import { restoreInterrupted } from './swap.js'

/** The mark of a site kogi made, at the top of the site. */
export const SITE_MARK = '.kogi-site'

/** The mark's text: the same in every site, so an unchanged mark is linked like any unchanged file. */
export const SITE_MARK_TEXT = JSON.stringify({ generator: 'kogi', note: 'kogi made this folder and replaces it whole at every build; files added here are not kept.' }) + '\n'

/** Whether `dir` holds the mark of a site kogi made. */
export function isKogiSite(dir: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, SITE_MARK), 'utf8')) as { generator?: unknown }).generator === 'kogi'
  } catch {
    return false
  }
}

/** The folders a build reads and writes, as {@link checkOutDir} needs them. */
export interface OutDirFolders {
  readonly outDir: string
  readonly contentDir: string
  readonly assetsDir: string
  readonly templatesDir: string
  /** kogi's cache folder; a folder inside it is kogi's own. */
  readonly cacheDir?: string
  /** The working folder. */
  readonly cwd: string
}

/**
 * Why `--out` must not be replaced by a new site, or undefined when it may.
 *
 * @param folders The build's folders.
 * @param shown How messages name a folder (relative to the working folder).
 */
function outDirProblem(folders: OutDirFolders, shown: (abs: string) => string): string | undefined {
  const out = path.resolve(folders.outDir)
  const name = `output folder ${shown(out)}`
  const home = os.homedir()
  // The same folder may be reached through symbolic links: compare the real paths too.
  const outs = [out, realPath(out)]
  const holds = (dir: string) => outs.some((o) => isInside(dir, o) || isInside(realPath(dir), o))
  const within = (dir: string) => outs.some((o) => isInside(o, dir) || isInside(o, realPath(dir)))

  if (outs.some((o) => o === path.parse(o).root)) return `output folder ${out} is the root of the file system; choose another --out`
  if (home && holds(home)) return outs.includes(home) || outs.includes(realPath(home)) ? `${name} is the home folder; choose another --out` : `${name} holds the home folder ${home}; choose another --out`
  if (outs.some((o) => o.split(path.sep).includes('.git'))) return `${name} is in a git repository's .git folder; choose another --out`
  for (const [what, dir] of [['content', folders.contentDir], ['assets', folders.assetsDir], ['templates', folders.templatesDir]] as const) {
    // A repository built as it is holds its `_site`, which the content walk skips as Jekyll does.
    const skipped = what === 'content' && /^[_.]/.test(path.relative(path.resolve(dir), out))
    if (holds(dir) || (within(dir) && !skipped)) return `${name} overlaps the ${what} folder ${shown(path.resolve(dir))}; choose another --out`
  }
  if (folders.cacheDir && holds(folders.cacheDir)) return `${name} holds kogi's cache folder ${shown(path.resolve(folders.cacheDir))}; choose another --out`
  if (holds(folders.cwd)) return `${name} holds the working folder; choose another --out`

  const stat = fs.lstatSync(out, { throwIfNoEntry: false })
  if (!stat) return undefined
  if (stat.isSymbolicLink()) return `${name} is a symbolic link to ${fs.readlinkSync(out)}; kogi would replace the link with a folder: give --out the folder itself`
  if (!stat.isDirectory()) return `${name} is a file, not a folder; kogi would replace it: choose another --out`
  const entries = fs.readdirSync(out).sort()
  if (entries.includes('.git')) return `${name} holds a git repository (.git), which kogi would delete with the old site; choose another --out`
  if (entries.length === 0 || isKogiSite(out)) return undefined
  if (folders.cacheDir && within(folders.cacheDir)) return undefined
  if (folders.cacheDir && new OutputManifest(manifestFile(folders.cacheDir, out), out).intact()) return undefined
  const some = entries.slice(0, 3).join(', ') + (entries.length > 3 ? `, … (${entries.length} entries)` : '')
  return `${name} is not a site kogi made (it holds ${some} and no ${SITE_MARK} mark); kogi replaces only folders it made, so it stops and leaves this one alone: choose another --out, or delete the folder once if an older kogi made it`
}

/**
 * Before a build: put back a site an interrupted build left moved aside, then reject an output
 * folder kogi did not make or must never replace.
 *
 * @param folders The build's folders.
 * @param siteFile Where messages about the site as a whole go.
 * @param shown How messages name a folder.
 * @returns Whether the build may go on.
 */
export function checkOutDir(folders: OutDirFolders, siteFile: VFile, shown: (abs: string) => string): boolean {
  const restored = restoreInterrupted(folders.outDir)
  if (restored) siteFile.info(`${shown(path.resolve(folders.outDir))}: put back the site that an interrupted build had moved aside (${restored})`, { ruleId: 'out-dir', source: 'kogi' })
  const problem = outDirProblem(folders, shown)
  if (problem) siteFile.message(problem, { ruleId: 'out-dir', source: 'kogi' }).fatal = true
  return !problem
}

function realPath(abs: string): string {
  try {
    return fs.realpathSync(abs)
  } catch {
    // Not there (yet): its parent's real path, so a new folder under a link is still compared.
    const parent = path.dirname(abs)
    return parent === abs ? abs : path.join(realPath(parent), path.basename(abs))
  }
}
