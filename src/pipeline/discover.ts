/**
 * Discover: list the lectures and the other files of a content folder.
 *
 * As in Jekyll, names starting with `.` or `_` are skipped (`_site`, `.git`, `_config.yml`).
 * Symbolic links are followed once; a link back into a folder already being walked is
 * reported instead of being followed forever.
 */
import fs from 'node:fs'
import path from 'node:path'

/** A file found under the content folder. */
export interface Found {
  /** Absolute path. */
  readonly abs: string
  /** Path relative to the content folder, with `/` separators. */
  readonly rel: string
}

/** What a content folder holds. */
export interface Discovery {
  /** Markdown sources, sorted by path. */
  readonly sources: Found[]
  /** Every other file, copied at its own path. */
  readonly statics: Found[]
  /** Problems met on the way, as `{rel, reason}`. */
  readonly problems: { rel: string; reason: string; ruleId: string }[]
}

const MARKDOWN = /\.(md|markdown)$/i

/** Whether a name is skipped, Jekyll style. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_') || name === 'node_modules'
}

/** Whether `child` is `parent` or lies below it. */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/**
 * Walk a content folder.
 *
 * @param root The content folder.
 */
export function discover(root: string): Discovery {
  const sources: Found[] = []
  const statics: Found[] = []
  const problems: Discovery['problems'] = []
  const walking = new Set<string>()
  let rootReal = ''

  const walk = (dir: string, rel: string): void => {
    const real = fs.realpathSync(dir)
    if (walking.has(real)) {
      problems.push({ rel: rel || '.', reason: `symbolic link loop: ${rel} leads back to a folder already being read; skipped`, ruleId: 'symlink-loop' })
      return
    }
    walking.add(real)
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true })
    } catch (error) {
      problems.push({ rel: rel || '.', reason: `cannot read folder: ${(error as Error).message}`, ruleId: 'read' })
      walking.delete(real)
      return
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue
      const abs = path.join(dir, entry.name)
      const childRel = rel ? `${rel}/${entry.name}` : entry.name
      let isDir = entry.isDirectory()
      let isFile = entry.isFile()
      if (entry.isSymbolicLink()) {
        try {
          const stat = fs.statSync(abs)
          isDir = stat.isDirectory()
          isFile = stat.isFile()
        } catch (error) {
          problems.push({ rel: childRel, reason: `broken symbolic link (${(error as NodeJS.ErrnoException).code ?? 'error'}); skipped`, ruleId: 'symlink' })
          continue
        }
      }
      if (isFile && entry.isSymbolicLink() && !isInside(fs.realpathSync(abs), rootReal)) {
        problems.push({ rel: childRel, reason: 'symbolic link points outside the content folder; not copied', ruleId: 'outside' })
        continue
      }
      if (isDir) walk(abs, childRel)
      else if (isFile) (MARKDOWN.test(entry.name) ? sources : statics).push({ abs, rel: childRel })
    }
    walking.delete(real)
  }

  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    problems.push({ rel: '.', reason: `content folder ${root} does not exist`, ruleId: 'content' })
    return { sources, statics, problems }
  }
  rootReal = fs.realpathSync(root)
  walk(root, '')
  return { sources, statics, problems }
}
