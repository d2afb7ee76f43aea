/**
 * Link check (site pass): every internal href and src of every page must name a page or a file
 * of the new site, and every `#fragment` an id on its target page; external URLs are never
 * fetched (there is no network at build time) but malformed ones are flagged.
 *
 * Each miss is a warning on the page's own file at the line and column where the author wrote
 * the URL, so `kogi check` (strict) fails on a broken link before students follow it.
 */
import type { VFile } from 'vfile'
import type { LinkFact, PageFacts } from '../types.js'

/** One rendered page as the check sees it. */
export interface CheckedPage {
  /** The page's site path (`/2024ai/2024ai_lect20/`). */
  readonly url: string
  readonly file: VFile
  readonly facts: PageFacts
}

/** What the check needs to know about the site being written. */
export interface LinkCheckOptions {
  /** Facts of every rendered page, by site path. */
  readonly facts: ReadonlyMap<string, PageFacts>
  /** Whether a file exists in the new site, by path relative to the site folder. */
  readonly exists: (rel: string) => boolean
  /** The content folder as messages name it (`content`, or `.` for a repository built as it is); default `content`. */
  readonly contentFolder?: string
}

/** Schemes a lecture may link to; anything else is most likely a typo (`htps:`, `C:`). */
const KNOWN_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'sms', 'ftp', 'ftps', 'sftp', 'ssh', 'git', 'data', 'javascript', 'irc', 'ircs', 'geo', 'webcal', 'magnet', 'news', 'nntp', 'urn', 'doi', 'zoommtg', 'slack', 'vscode', 'blob'])

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/

/** Links that open a page; the rest (img, script, link, iframe…) load a file into this one. */
const NAVIGATION = new Set(['a[href]', 'area[href]'])

/**
 * Why an external URL is malformed, or undefined when it looks well formed. Never fetches.
 *
 * @param raw The URL as the author wrote it.
 */
export function malformedReason(raw: string): string | undefined {
  const value = raw.trim()
  const url = value.startsWith('//') ? 'https:' + value : value
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase()
  if (!scheme) return undefined
  if (scheme === 'file') return 'a file: URL points at the author\'s own disk and cannot work on the site'
  if (scheme.length === 1) return `"${scheme.toUpperCase()}:" looks like a path on the author's computer, not a URL`
  if (!KNOWN_SCHEMES.has(scheme)) return `unknown URL scheme "${scheme}:" (a typo for "https:"?)`
  if (scheme === 'mailto') return /^mailto:[^@\s]+@[^@\s]+/i.test(url) ? undefined : 'mailto: link without an e-mail address'
  if (scheme !== 'http' && scheme !== 'https') return undefined
  if (/\s/.test(value)) return 'URL contains white space (write it as %20, or check for a line break inside the link)'
  if (!/^https?:\/\//i.test(url)) return `"${scheme}:" must be followed by "//"`
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'URL cannot be parsed'
  }
  if (!parsed.hostname) return 'URL has no host name'
  if (!parsed.hostname.includes('.') && parsed.hostname !== 'localhost' && !parsed.hostname.startsWith('[')) return `host name "${parsed.hostname}" has no dot (a typo?)`
  return undefined
}

/** The site file that serves a site path, if any: `/a/b/` → `a/b/index.html`, `/a/x.png` → `a/x.png`. */
export function fileOfPath(sitePath: string, isFile: (rel: string) => boolean): string | undefined {
  // A path the writer refuses (one leaving the site) is simply not there.
  const exists = (rel: string) => {
    try {
      return isFile(rel)
    } catch {
      return false
    }
  }
  const rel = sitePath.replace(/^\/+/, '')
  if (rel === '' || rel.endsWith('/')) return exists(rel + 'index.html') ? rel + 'index.html' : undefined
  if (exists(rel)) return rel
  // GitHub Pages (and the preview server) redirect /a/b to /a/b/ when b is a folder with an index.
  return exists(rel + '/index.html') ? rel + '/index.html' : undefined
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}

/** Where the author should put a missing file so that the site path resolves. */
function placeFor(sitePath: string, contentFolder = 'content'): string {
  const inContent = contentFolder === '.' ? sitePath.slice(1) : `${contentFolder}${sitePath}`
  return sitePath.startsWith('/assets/') && contentFolder !== '.' ? `${inContent} or ${sitePath.slice(1)}` : inContent
}

/** What kind of file an element loads, for messages the author can act on. */
const KINDS: Record<string, string> = { img: 'image', source: 'image', link: 'linked file', script: 'script', iframe: 'embedded file', video: 'video', audio: 'audio file', track: 'subtitle file', embed: 'embedded file', object: 'embedded file' }

function kindOf(link: LinkFact): string {
  return KINDS[link.attribute.replace(/\[.*$/, '')] ?? 'file'
}

/**
 * Check one page's links against the site and report misses on the page's file.
 *
 * @param page The page, its file and facts.
 * @param options The site's page facts and its files.
 * @returns How many problems were reported.
 */
export function checkPageLinks(page: CheckedPage, options: LinkCheckOptions): number {
  let problems = 0
  const warn = (link: LinkFact, reason: string, ruleId: string) => {
    const place = link.line !== undefined && link.column !== undefined ? { line: link.line, column: link.column } : undefined
    page.file.message(reason, { ...(place ? { place } : {}), ruleId, source: 'kogi' })
    problems++
  }
  for (const link of page.facts.links) {
    const written = JSON.stringify(link.raw)
    if (link.path === undefined) {
      if (link.fragment !== undefined) {
        const id = decodeFragment(link.fragment)
        if (id !== '' && id !== 'top' && !page.facts.ids.includes(id)) warn(link, `link ${written} points to no element: this page has no id "${id}"`, 'missing-fragment')
        continue
      }
      const reason = malformedReason(link.raw)
      if (reason) warn(link, `malformed URL ${written}: ${reason}`, 'malformed-url')
      continue
    }
    // A notebook has its own check, which says which notebook was meant (notebook-links.ts).
    if (/\.ipynb$/i.test(link.path)) continue
    const target = fileOfPath(link.path, options.exists)
    if (!target) {
      const kind = kindOf(link)
      const shown = link.raw.trim() === link.path ? written : `${written} (${link.path})`
      if (NAVIGATION.has(link.attribute)) warn(link, `broken link ${shown}: no page or file at that address`, 'broken-link')
      else warn(link, `missing ${kind} ${shown}: put the file at ${placeFor(link.path, options.contentFolder)}`, 'missing-asset')
      continue
    }
    if (link.fragment === undefined) continue
    const id = decodeFragment(link.fragment)
    const targetFacts = options.facts.get(link.path)
    if (!targetFacts || id === '' || id === 'top') continue
    if (!targetFacts.ids.includes(id)) warn(link, `link ${written} points to no element: ${link.path} has no id "${id}"`, 'missing-fragment')
  }
  return problems
}

/**
 * Check every page's links.
 *
 * @param pages Every rendered page.
 * @param options The site's page facts and its files.
 * @returns How many problems were reported.
 */
export function checkLinks(pages: Iterable<CheckedPage>, options: LinkCheckOptions): number {
  let problems = 0
  for (const page of pages) problems += checkPageLinks(page, options)
  return problems
}
