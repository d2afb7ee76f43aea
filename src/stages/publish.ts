/**
 * What of a content folder is published, as Jekyll decides it: names starting with `_` or `.`
 * are not (unless the config's `include` names them), nor Jekyll's and npm's own files, nor what
 * the config's `exclude` names. A repository built as it is (content folder `.`) also keeps
 * kogi's own files to itself: its config and its templates folder.
 */
import type { ContentConfig } from '../config.js'

/** Files and folders at the top of a content folder that are never published. */
export const NEVER_PUBLISHED = ['Gemfile', 'Gemfile.lock', 'node_modules', 'vendor', 'package.json', 'package-lock.json', 'kogi.config.json']

/** What kogi itself reads at the top of a repository built as it is. */
const KOGI_OWN = ['templates']

/** A Jekyll exclude/include entry as a test of a path: as in Jekyll (fnmatch without flags), `*` matches across folders too. */
function pattern(entry: string): RegExp {
  const body = entry
    .replace(/^\.?\/+|\/+$/g, '')
    .split(/(\*\*|\*|\?)/)
    .map((part) => (part === '**' || part === '*' ? '.*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${body}(/|$)`)
}

/**
 * A test of whether a path in a content folder is left out of the site.
 *
 * @param config The config's `content`, `exclude` and `include`.
 * @returns A function of the path relative to the content folder (`/` separators), true when the
 *   file or folder there is not published.
 */
export function unpublished(config: Pick<ContentConfig, 'content' | 'exclude' | 'include'>): (rel: string) => boolean {
  const atRoot = config.content.replace(/^\.\/|\/+$/g, '') === '.'
  const excluded = [...NEVER_PUBLISHED, ...(atRoot ? KOGI_OWN : []), ...config.exclude].map(pattern)
  const included = config.include.map(pattern)
  return (rel) => {
    const name = rel.slice(rel.lastIndexOf('/') + 1)
    if (excluded.some((p) => p.test(rel))) return true
    if (name === 'node_modules') return true
    const hidden = name.startsWith('.') || name.startsWith('_')
    return hidden && !included.some((p) => p.test(rel) || p.test(name))
  }
}
