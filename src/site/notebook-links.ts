/**
 * Notebook links checked both ways (site pass). A lecture's link to a notebook of this
 * repository — through Colab, GitHub, nbviewer, raw.githubusercontent, or a relative `.ipynb`
 * link — must name a notebook that is there, or students get an error page in class; and each
 * notebook knows the lectures that link to it, for its page to list.
 *
 * Links to other repositories' notebooks are not checked (they are not at hand, and the build
 * fetches nothing). Links inside HTML comments never reach the page's facts: comments are
 * blanked (into spaces, so positions stay the source's) before parsing. The drafts preview shows
 * comments as drafts, and checks their links as the link check does, before students see them.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Discovery } from '../stages/discover.js'
import { closestName, editDistance } from '../suggest.js'
import type { LinkFact } from '../types.js'
import type { CheckedPage } from './links.js'
import { parseNotebookUrl, type NotebookService } from './notebook-urls.js'
import { thisRepository, type Repository } from './repository.js'

/** What the notebook links are checked against. */
export interface NotebookSite {
  /** This repository, or undefined when unknown (then only relative links are checked). */
  readonly repository: Repository | undefined
  /** The content folder (absolute). */
  readonly contentDir: string
  /** Every `.ipynb` of the content folder the site publishes, relative to it with `/`. */
  readonly notebooks: readonly string[]
  /** The content folder as messages name it (`content`). */
  readonly contentFolder: string
}

/** One lecture's link to a notebook of this site's repository. */
export interface NotebookLink {
  readonly page: CheckedPage
  readonly link: LinkFact
  /** The service the link opens it through; `site` for a relative link. */
  readonly via: NotebookService | 'site'
  /** The notebook as the link names it: its path in the repository, or its site path (`/c/x.ipynb`). */
  readonly target: string
  /** Its path in the content folder, when it lies in it (`c/x.ipynb`). */
  readonly rel?: string
  readonly exists: boolean
}

/** A lecture that links to a notebook, as the notebook's page lists it. */
export interface Backlink {
  /** The lecture's site path, without the base (`/2024ai/2024ai_lect20/`). */
  readonly url: string
  readonly title: string
  /** Line of the lecture's first link to the notebook. */
  readonly line?: number
}

/**
 * What notebook links are checked against: this repository (src/site/repository.ts) and the
 * notebooks the discover stage found.
 *
 * @param config The config's `repository` and `branch`.
 * @param contentDir The content folder.
 * @param found What the discover stage found in it (notebooks are statics, or sources once they make pages).
 * @param contentFolder The content folder as messages name it.
 */
export function notebookSite(config: { readonly repository?: string; readonly branch?: string }, contentDir: string, found: Pick<Discovery, 'sources' | 'statics'>, contentFolder: string): NotebookSite {
  const notebooks = [...found.statics, ...found.sources].map((f) => f.rel).filter((rel) => /\.ipynb$/i.test(rel))
  return { repository: thisRepository(config, contentDir), contentDir: path.resolve(contentDir), notebooks, contentFolder }
}

/**
 * Whether a file is in the working tree with exactly this name (a case-blind disk would say yes
 * to `X.ipynb` for `x.ipynb`; GitHub would not). Each folder is listed once per check: many
 * links of a site name the same folder.
 */
function workingTree(root: string): (repoPath: string) => boolean {
  const listed = new Map<string, ReadonlySet<string>>()
  const names = (dir: string) => {
    let found = listed.get(dir)
    if (!found) {
      try {
        found = new Set(fs.readdirSync(dir))
      } catch {
        found = new Set()
      }
      listed.set(dir, found)
    }
    return found
  }
  return (repoPath) => {
    const abs = path.join(root, ...repoPath.split('/'))
    return names(path.dirname(abs)).has(path.basename(abs)) && (fs.statSync(abs, { throwIfNoEntry: false })?.isFile() ?? false)
  }
}

/** Where the content folder lies in the repository (`content`), `` when at its top. */
function contentPrefix(site: NotebookSite): string {
  return site.repository ? path.relative(site.repository.root, site.contentDir).split(path.sep).join('/') : ''
}

/**
 * Every link of the pages to a notebook of this site's repository, resolved. A link to another
 * branch (or a commit) of this repository is checked against the working tree too: the build
 * has only the files at hand, and a notebook linked on one branch is kept on the others.
 *
 * @param pages The rendered pages.
 * @param site This repository and its notebooks.
 */
export function notebookLinks(pages: Iterable<CheckedPage>, site: NotebookSite): NotebookLink[] {
  const published = new Set(site.notebooks)
  const repo = site.repository
  const prefix = contentPrefix(site)
  const inWorkingTree = repo ? workingTree(repo.root) : () => false
  const out: NotebookLink[] = []
  for (const page of pages) {
    for (const link of page.facts.links) {
      if (link.path !== undefined) {
        if (!/\.ipynb$/i.test(link.path)) continue
        const rel = link.path.slice(1)
        out.push({ page, link, via: 'site', target: link.path, rel, exists: published.has(rel) })
        continue
      }
      const url = repo ? parseNotebookUrl(link.raw, repo.branch) : undefined
      // GitHub names are case-blind: `Komazawa-Deep-Learning/…` is the same repository.
      if (!url || !repo || url.owner.toLowerCase() !== repo.owner.toLowerCase() || url.name.toLowerCase() !== repo.name.toLowerCase()) continue
      const rel = prefix === '' ? url.path : url.path.startsWith(prefix + '/') ? url.path.slice(prefix.length + 1) : undefined
      // An unpublished notebook (excluded, or `_`-named) is still in the repository, where Colab opens it.
      const exists = (rel !== undefined && published.has(rel)) || inWorkingTree(url.path)
      out.push({ page, link, via: url.via, target: url.path, ...(rel !== undefined ? { rel } : {}), exists })
    }
  }
  return out
}

/**
 * The notebook a missing one was most likely meant to be: the same file name in another folder
 * (the notebook was moved, or its folder misspelt), else a close name in the same folder (a
 * typo). Names of one course differ in a few characters (`2021_0521komazawa_CNN`,
 * `2021_0528komazawa_RNN`), so a close name is one at most a tenth of the name (two characters
 * at least) away, tighter than for other names.
 *
 * @param wanted The path as linked.
 * @param known The notebooks that exist, in the same form.
 */
export function nearestNotebook(wanted: string, known: readonly string[]): string | undefined {
  const base = path.posix.basename(wanted)
  const moved = known.filter((k) => path.posix.basename(k).toLowerCase() === base.toLowerCase())
  if (moved.length > 0) return moved.reduce((a, b) => (editDistance(wanted, b) < editDistance(wanted, a) ? b : a))
  const dir = path.posix.dirname(wanted)
  const siblings = known.filter((k) => path.posix.dirname(k) === dir).map((k) => path.posix.basename(k))
  const sibling = closestName(base, siblings)
  const close = sibling !== undefined && editDistance(base.toLowerCase(), sibling.toLowerCase()) <= Math.max(2, Math.floor(base.length / 10))
  return close ? path.posix.join(dir, sibling) : undefined
}

/**
 * Report every link to a missing notebook as a warning at the lecture's line and column.
 *
 * @param pages The rendered pages.
 * @param site This repository and its notebooks.
 * @returns How many links were reported.
 */
export function checkNotebookLinks(pages: Iterable<CheckedPage>, site: NotebookSite): number {
  const prefix = contentPrefix(site)
  const inRepository = site.notebooks.map((rel) => (prefix === '' ? rel : `${prefix}/${rel}`))
  const onSite = site.notebooks.map((rel) => '/' + rel)
  let problems = 0
  for (const { page, link, via, target, exists } of notebookLinks(pages, site)) {
    if (exists) continue
    const near = nearestNotebook(target, via === 'site' ? onSite : inRepository)
    const hint = near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`
    const reason =
      via === 'site'
        ? `link to a missing notebook ${JSON.stringify(link.raw)} (${target}): put it at ${path.posix.join(site.contentFolder, target)}${hint}`
        : `${via} link to a missing notebook: ${site.repository!.owner}/${site.repository!.name} has no ${JSON.stringify(target)}${hint}`
    const place = link.line !== undefined && link.column !== undefined ? { place: { line: link.line, column: link.column } } : {}
    page.file.message(reason, { ...place, ruleId: 'missing-notebook', source: 'kogi' })
    problems++
  }
  return problems
}

/**
 * The lectures that link to each notebook, for the notebook's page to list: notebook path in the
 * content folder → each linking page once (at its first link), in the order of the pages.
 * Links to missing notebooks and to notebooks outside the content folder are left out.
 *
 * @param pages The rendered pages.
 * @param site This repository and its notebooks.
 */
export function notebookBacklinks(pages: Iterable<CheckedPage>, site: NotebookSite): Map<string, Backlink[]> {
  const backlinks = new Map<string, Backlink[]>()
  const published = new Set(site.notebooks)
  for (const { page, link, rel, exists } of notebookLinks(pages, site)) {
    if (!exists || rel === undefined || !published.has(rel)) continue
    const list = backlinks.get(rel) ?? []
    if (list.some((b) => b.url === page.url)) continue
    list.push({ url: page.url, title: page.facts.title, ...(link.line !== undefined ? { line: link.line } : {}) })
    backlinks.set(rel, list)
  }
  return backlinks
}
