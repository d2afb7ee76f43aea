/**
 * Discover: list the lectures and the other files of a content folder, and the files of the
 * assets folder — the one walk of the author's folders, so the build and its up-to-date check
 * (src/speed/up-to-date.ts) see the same files.
 *
 * As in Jekyll, names starting with `.` or `_` are skipped (`_site`, `.git`, `_config.yml`).
 * A symbolic link, to a file or a folder, is followed only when its real path stays inside the
 * content or assets folder: `ln -s /etc content/etc` publishes nothing of /etc. A link that
 * leads outside, nowhere, round in a loop or back into a folder that holds it is reported as a
 * warning on the link's own path, and nothing behind it is read.
 */
import fs from 'node:fs'
import path from 'node:path'

/** A file found under a folder. */
export interface Found {
  /** Absolute path, through the links that led to it. */
  readonly abs: string
  /** Path relative to the folder walked, with `/` separators. */
  readonly rel: string
}

/** A problem met on the way: a link not followed, a folder that cannot be read. */
export interface WalkProblem {
  /** Absolute path of the link or folder, the place the message names. */
  readonly abs: string
  readonly rel: string
  readonly reason: string
  readonly ruleId: string
}

/** The files under a folder, with the problems met finding them. */
export interface Walked {
  readonly files: Found[]
  readonly problems: WalkProblem[]
}

/** What a content folder holds. */
export interface Discovery {
  /** Markdown sources, sorted by path. */
  readonly sources: Found[]
  /** Every other file, copied at its own path. */
  readonly statics: Found[]
  /** Problems met on the way. */
  readonly problems: WalkProblem[]
}

/** How to walk a folder. */
export interface WalkOptions {
  /**
   * Folders, besides the one walked, that a symbolic link may lead into; `'anywhere'` follows
   * every link (loops still end), for folders no containment rule covers (kogi's own sources).
   */
  readonly within?: readonly string[] | 'anywhere'
  /** How the folders a link may lead into are named in messages; default "the folder". */
  readonly area?: string
  /** Keep the names Jekyll skips. */
  readonly hidden?: boolean
  /** Which paths (relative, `/` separators) are skipped, instead of the names Jekyll skips. */
  readonly skip?: (rel: string) => boolean
}

const MARKDOWN = /\.(md|markdown)$/i

/** Whether a name is skipped, Jekyll style. */
export function isIgnoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_') || name === 'node_modules'
}

/** Whether `child` is `parent` or lies below it. */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child)
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel))
}

/**
 * The real path of a folder, or undefined when there is none (absent, a file, a broken link).
 *
 * @param dir The folder, possibly through symbolic links.
 */
export function realFolder(dir: string): string | undefined {
  try {
    return fs.statSync(dir).isDirectory() ? fs.realpathSync(dir) : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether a path's real location lies inside one of some folders (compared by real paths, so a
 * folder reached through a link, as /tmp is on some systems, still holds its files).
 *
 * @param abs The path, possibly through symbolic links.
 * @param folders The folders it may lie in.
 */
export function leadsInside(abs: string, folders: readonly string[]): boolean {
  let real: string
  try {
    real = fs.realpathSync(abs)
  } catch {
    return false
  }
  return folders.some((f) => {
    const root = realFolder(f)
    return root !== undefined && isInside(real, root)
  })
}

/**
 * Every file under a folder, each folder's names in sorted order, with the problems met. An
 * absent folder gives no files and no problem: callers that need it say so themselves.
 *
 * @param root The folder.
 * @param options Where links may lead, and whether skipped names are kept.
 */
export function walkFiles(root: string, options: WalkOptions = {}): Walked {
  const files: Found[] = []
  const problems: WalkProblem[] = []
  const rootReal = realFolder(root)
  if (rootReal === undefined) return { files, problems }
  const within = options.within === 'anywhere' ? undefined : [rootReal, ...(options.within ?? []).map(realFolder).filter((f) => f !== undefined)]
  const area = options.area ?? 'the folder'
  // Real paths of the folders from the root down to the one being read: a link to one of them is a loop.
  const open = new Set<string>()
  const problem = (abs: string, rel: string, reason: string, ruleId: string) => problems.push({ abs, rel, reason, ruleId })

  /** Where a link really leads, when it may be followed; otherwise a problem and undefined. */
  const follow = (abs: string, rel: string): { real: string; stat: fs.Stats } | undefined => {
    let target = '?'
    try {
      target = fs.readlinkSync(abs)
    } catch {
      // Replaced meanwhile: realpath below says how.
    }
    const link = `symbolic link to ${target}`
    try {
      const real = fs.realpathSync(abs)
      if (within && !within.some((w) => isInside(real, w))) return void problem(abs, rel, `${link} leads outside ${area}; not read`, 'symlink-outside')
      const stat = fs.statSync(real)
      if (stat.isDirectory() && open.has(real)) return void problem(abs, rel, `${link} leads back into a folder that holds it; not followed`, 'symlink-loop')
      return { real, stat }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error'
      if (code === 'ELOOP') problem(abs, rel, `${link} goes round in a loop of links; not read`, 'symlink-loop')
      else if (code === 'ENOENT') problem(abs, rel, `${link} leads nowhere (ENOENT); skipped`, 'symlink-broken')
      else problem(abs, rel, `${link} cannot be followed (${code}); skipped`, 'read')
      return undefined
    }
  }

  const walk = (dir: string, real: string, rel: string): void => {
    let entries: fs.Dirent[]
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true })
    } catch (error) {
      return void problem(dir, rel || '.', `cannot read folder: ${(error as Error).message}`, 'read')
    }
    open.add(real)
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name
      if (options.skip ? options.skip(childRel) : !options.hidden && isIgnoredName(entry.name)) continue
      const abs = path.join(dir, entry.name)
      if (entry.isSymbolicLink()) {
        const to = follow(abs, childRel)
        if (to?.stat.isDirectory()) walk(abs, to.real, childRel)
        else if (to?.stat.isFile()) files.push({ abs, rel: childRel })
      } else if (entry.isDirectory()) walk(abs, path.join(real, entry.name), childRel)
      else if (entry.isFile()) files.push({ abs, rel: childRel })
    }
    open.delete(real)
  }

  walk(root, rootReal, '')
  return { files, problems }
}

/**
 * Walk a content folder.
 *
 * @param root The content folder.
 * @param options Where links may lead besides the folder itself, and how that is named.
 */
export function discover(root: string, options: WalkOptions = {}): Discovery {
  if (realFolder(root) === undefined) {
    return { sources: [], statics: [], problems: [{ abs: root, rel: '.', reason: `content folder ${root} does not exist`, ruleId: 'content' }] }
  }
  const { files, problems } = walkFiles(root, options)
  return { sources: files.filter((f) => MARKDOWN.test(f.rel)), statics: files.filter((f) => !MARKDOWN.test(f.rel)), problems }
}

/** The author's folders as a build reads them. */
export interface SiteDiscovery {
  /** The content folder: lectures and files copied as they are. */
  readonly content: Discovery
  /** Every file of the assets folder, the theme under `kogi/` included (none when it is absent). */
  readonly assets: Walked
}

/**
 * Walk the content and assets folders. A link in either may lead into the other.
 *
 * @param contentDir The content folder.
 * @param assetsDir The assets folder; may be absent.
 * @param skip Which paths of the content folder are not published (src/stages/publish.ts);
 *   default the names Jekyll skips.
 */
export function discoverSite(contentDir: string, assetsDir: string, skip?: (rel: string) => boolean): SiteDiscovery {
  const area = realFolder(assetsDir) ? 'the content and assets folders' : 'the content folder'
  const inside = path.relative(contentDir, assetsDir).split(path.sep).join('/')
  if (inside === 'assets') {
    // A repository built as it is: its assets/ is content like any other folder, and only its
    // kogi/ subfolder, the theme's overrides, is the theme's.
    const theme = walkFiles(path.join(assetsDir, 'kogi'), { within: [contentDir], area })
    const own = (rel: string) => rel === 'assets/kogi' || (skip ? skip(rel) : isIgnoredName(rel.slice(rel.lastIndexOf('/') + 1)))
    return {
      content: discover(contentDir, { within: [assetsDir], area, skip: own }),
      assets: { files: theme.files.map((f) => ({ abs: f.abs, rel: `kogi/${f.rel}` })), problems: theme.problems },
    }
  }
  return {
    content: discover(contentDir, { within: [assetsDir], area, ...(skip ? { skip } : {}) }),
    assets: walkFiles(assetsDir, { within: [contentDir], area }),
  }
}
