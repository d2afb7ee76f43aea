/**
 * "This repository": the GitHub repository whose notebooks the lectures open through Colab,
 * GitHub or nbviewer, so that those links can be checked against the files at hand.
 *
 * The config says so (`repository`, `branch`), else the git checkout that holds the content
 * folder does: its `origin` remote and its current branch. Both are read from the files under
 * `.git` (no `git` command, no network), so a build without git installed still works.
 */
import fs from 'node:fs'
import path from 'node:path'

/** A GitHub repository and where its files are on this disk. */
export interface Repository {
  readonly owner: string
  readonly name: string
  /** The branch the site is published from, when known. */
  readonly branch?: string
  /** The folder at the top of the repository's working tree (the content folder when not in a git checkout). */
  readonly root: string
}

/** What a git checkout says of itself. */
export interface GitCheckout {
  /** The working tree's top folder (the one holding `.git`). */
  readonly root: string
  /** The URL of the `origin` remote, if there is one. */
  readonly origin?: string
  /** The current branch; undefined on a detached HEAD. */
  readonly branch?: string
}

/** An owner/name as GitHub allows them: the owner letters, digits and `-`; the name also `.` and `_`. */
export const OWNER_NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/

/**
 * The owner and name of a GitHub remote URL, in any of the forms git accepts:
 * `https://github.com/o/n(.git)`, `git@github.com:o/n.git`, `ssh://git@github.com/o/n.git`,
 * `git://github.com/o/n.git`. Undefined for a remote on another host.
 *
 * @param url The remote's URL as `.git/config` holds it.
 */
export function githubOwnerName(url: string): { owner: string; name: string } | undefined {
  const m = /^(?:(?:https?|git|ssh|git\+ssh):\/\/(?:[^@/]+@)?github\.com(?::\d+)?\/|(?:[^@/]+@)?github\.com:\/?)([^/]+\/[^/]+?)(?:\.git)?\/?$/i.exec(url.trim())
  const parts = m ? OWNER_NAME.exec(m[1]!) : null
  return parts ? { owner: parts[1]!, name: parts[2]! } : undefined
}

/** The first folder from `dir` upwards holding `.git` (a folder, or a file in a linked worktree). */
function findGitDir(dir: string): { root: string; gitDir: string } | undefined {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const dotGit = path.join(at, '.git')
    const stat = fs.statSync(dotGit, { throwIfNoEntry: false })
    if (stat?.isDirectory()) return { root: at, gitDir: dotGit }
    if (stat?.isFile()) {
      // A linked worktree or submodule: `.git` is a file saying `gitdir: <path>`.
      const target = /^gitdir:\s*(.+?)\s*$/m.exec(readText(dotGit) ?? '')?.[1]
      if (target) return { root: at, gitDir: path.resolve(at, target) }
    }
    if (path.dirname(at) === at) return undefined
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
}

/** The `url` of `[remote "origin"]` in a git config file's text. */
export function originUrl(configText: string): string | undefined {
  let inOrigin = false
  for (const line of configText.split(/\r?\n/)) {
    const section = /^\s*\[([^\]]+)\]/.exec(line)
    if (section) inOrigin = /^remote\s+"origin"$/.test(section[1]!.trim())
    else if (inOrigin) {
      const url = /^\s*url\s*=\s*(.*?)\s*$/.exec(line)?.[1]
      if (url) return url.replace(/^"(.*)"$/, '$1')
    }
  }
  return undefined
}

/**
 * The git checkout holding a folder, read from its `.git` files, or undefined outside one.
 *
 * @param dir A folder inside the working tree (the content folder).
 */
export function readGitCheckout(dir: string): GitCheckout | undefined {
  const found = findGitDir(dir)
  if (!found) return undefined
  // A linked worktree keeps its HEAD to itself and shares the config of the main checkout.
  const common = readText(path.join(found.gitDir, 'commondir'))?.trim()
  const configDir = common ? path.resolve(found.gitDir, common) : found.gitDir
  const origin = originUrl(readText(path.join(configDir, 'config')) ?? '')
  const branch = /^ref:\s*refs\/heads\/(.+?)\s*$/.exec(readText(path.join(found.gitDir, 'HEAD')) ?? '')?.[1]
  return { root: found.root, ...(origin ? { origin } : {}), ...(branch ? { branch } : {}) }
}

/**
 * This repository: the config's `repository` and `branch` when given, else the content folder's
 * git checkout's `origin` on GitHub and its current branch. Undefined when neither names a
 * GitHub repository, and then no notebook link is checked.
 *
 * @param config The config's `repository` ("owner/name") and `branch`, either optional.
 * @param contentDir The content folder.
 */
export function thisRepository(config: { readonly repository?: string; readonly branch?: string }, contentDir: string): Repository | undefined {
  const checkout = readGitCheckout(contentDir)
  const named = config.repository !== undefined ? OWNER_NAME.exec(config.repository) : undefined
  const fromGit = checkout?.origin !== undefined ? githubOwnerName(checkout.origin) : undefined
  const owner = named ? named[1]! : fromGit?.owner
  const name = named ? named[2]! : fromGit?.name
  if (owner === undefined || name === undefined) return undefined
  const branch = config.branch ?? checkout?.branch
  return { owner, name, ...(branch !== undefined ? { branch } : {}), root: checkout?.root ?? path.resolve(contentDir) }
}
