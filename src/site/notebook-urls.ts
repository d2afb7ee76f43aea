/**
 * Reading a link to a notebook on GitHub: which repository, which branch and which file a Colab,
 * GitHub, nbviewer or raw.githubusercontent URL opens. Pure string work; nothing is fetched.
 */

/** The service a lecture opens a notebook through, as messages name it. */
export type NotebookService = 'Colab' | 'GitHub' | 'nbviewer' | 'raw GitHub'

/** A notebook of a GitHub repository, as a URL names it. */
export interface RepositoryNotebook {
  readonly via: NotebookService
  readonly owner: string
  readonly name: string
  /** The branch, tag or commit the URL names. */
  readonly ref: string
  /** The file's path in the repository, decoded (`2021notebooks/日本語.ipynb`), no leading `/`. */
  readonly path: string
}

/** For each host, what comes before the owner, and what between the name and the ref. */
const HOSTS: Record<string, { via: NotebookService; before: readonly string[]; between: readonly (readonly string[])[] }> = {
  'colab.research.google.com': { via: 'Colab', before: ['github'], between: [['blob']] },
  'github.com': { via: 'GitHub', before: [], between: [['blob'], ['raw']] },
  'nbviewer.org': { via: 'nbviewer', before: ['github'], between: [['blob']] },
  'nbviewer.jupyter.org': { via: 'nbviewer', before: ['github'], between: [['blob']] },
  // `refs/heads/<branch>` is the form GitHub's own "Raw" button writes nowadays.
  'raw.githubusercontent.com': { via: 'raw GitHub', before: [], between: [['refs', 'heads'], ['refs', 'tags'], []] },
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    // A malformed escape stays as written; the file it names is simply not found.
    return segment
  }
}

function startsWith(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((p, i) => segments[i] === p)
}

/**
 * The repository notebook a URL opens, or undefined when it is not a link to an `.ipynb` file of
 * a GitHub repository through one of the services kogi knows. The query (`?flush_cache=true`) and
 * the fragment (`#scrollTo=…`) are ignored; each path segment is percent-decoded.
 *
 * @param raw The URL as the page holds it.
 * @param branch The repository's branch, when known: a branch name with `/` in it
 *   (`course/2024`) is told apart from the path that follows it only by knowing it.
 */
export function parseNotebookUrl(raw: string, branch?: string): RepositoryNotebook | undefined {
  const m = /^(?:https?:)?\/\/([^/?#]+)(\/[^?#]*)/i.exec(raw.trim())
  if (!m) return undefined
  const host = HOSTS[m[1]!.toLowerCase().replace(/^www\./, '').replace(/:443$/, '')]
  if (!host) return undefined
  const segments = m[2]!.split('/').slice(1).map(decodeSegment)
  if (!startsWith(segments, host.before)) return undefined
  const [owner, name, ...rest] = segments.slice(host.before.length)
  const between = host.between.find((b) => startsWith(rest, b))
  if (!owner || !name || between === undefined) return undefined
  const afterName = rest.slice(between.length)
  let [ref, ...file] = afterName
  if (branch?.includes('/') && startsWith(afterName, branch.split('/'))) {
    ref = branch
    file = afterName.slice(branch.split('/').length)
  }
  const filePath = file.join('/')
  // `..` would leave the repository; GitHub has no such file, and it is never looked up.
  if (!ref || file.length === 0 || file.some((s) => s === '' || s === '.' || s === '..') || !/\.ipynb$/i.test(filePath)) return undefined
  return { via: host.via, owner, name, ref, path: filePath }
}
