/**
 * rehype plugin: make every internal URL on a page absolute, base-prefixed and page-aware,
 * and record each one (with where it was written) for the site-wide link check.
 *
 * Lectures were written for Jekyll, where `./assets/x.svg` resolved against the lecture's
 * folder and `/2024ai/2024ai_lect20` or `x.md` named a page. kogi serves pages as folders
 * (`/2024ai/2024ai_lect20/`), so relative URLs are resolved here against the source's folder,
 * links to sources are turned into page URLs, and the base path is put in front of them all.
 * A URL written with the site's own public address (`https://user.github.io/repo/2023/lect01`
 * when the config's `url` and `base` say so) is a link into this site: it is read as the site
 * path after that address, so it points to the local file and the link check checks it.
 */
import path from 'node:path'
import type { Root, Element } from 'hast'
import type { VFile } from 'vfile'
import { visit } from '../markdown/visit.js'
import type { LinkFact } from '../types.js'

/** Options for {@link rehypeUrls}. */
export interface Options {
  /** Base path with leading and trailing slash; default `/`. */
  readonly base?: string
  /** Public origin of the site (the config's `url`); with `base`, the site's own address. Default: none. */
  readonly url?: string
  /** Site folder of the source file (`/2024ai/`); default the folder of the page's entry (`file.data.page.dir`), else `/`. */
  readonly dir?: string
  /** Maps a site path to the URL of the page it names (`/a/b.md` → `/a/b/`), if any. */
  readonly resolvePage?: (sitePath: string) => string | undefined
}

const URL_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  img: ['src', 'srcSet'],
  source: ['src', 'srcSet'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src'],
  embed: ['src'],
  object: ['data'],
  script: ['src'],
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/

/**
 * Whether a URL runs a script when followed, read as a browser reads it: case aside, with tabs
 * and line breaks anywhere and control characters or spaces around it ignored
 * (`JaVaScRiPt:`, `java&#x09;script:` once its entity is decoded, ` javascript:`).
 *
 * @param raw The URL as the tree holds it (entities and escapes already decoded).
 */
export function isScriptUrl(raw: string): boolean {
  return /^javascript:/i.test(raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, ''))
}

/** Whether a relative URL written in `dir` climbs above the site root with `..`. */
export function climbsAboveRoot(dir: string, raw: string): boolean {
  if (raw.startsWith('/') || !raw.includes('..')) return false
  let depth = 0
  for (const segment of [...dir.split('/'), ...raw.split(/[?#]/)[0]!.split('/')]) {
    if (segment === '..') depth--
    else if (segment !== '' && segment !== '.') depth++
    if (depth < 0) return true
  }
  return false
}

/**
 * The site path an absolute URL names when it is written with the site's own public address,
 * `url` + `base` (`https://user.github.io/repo/2023/lect01` → `/2023/lect01`); undefined for any
 * other URL. The scheme (GitHub Pages serves http and https alike), the host's case and a final
 * dot after it do not matter; the path below the host must start with the base path.
 *
 * @param raw The URL as written, trimmed.
 * @param url The site's public origin (`https://user.github.io`), possibly empty.
 * @param base The base path, with leading and trailing slash.
 */
export function ownSitePath(raw: string, url: string | undefined, base = '/'): string | undefined {
  const site = url ? /^https?:\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(url) : null
  const written = /^(?:https?:)?\/\/([^/?#]+)([\s\S]*)$/i.exec(raw)
  // `user.github.io.` (a final dot, as DNS allows) names the same host.
  const host = (h: string) => h.toLowerCase().replace(/\.$/, '')
  if (!site || !written || host(site[1]!) !== host(written[1]!)) return undefined
  const prefix = (site[2] ?? '').replace(/\/+$/, '') + base
  const rest = written[2] === '' || /^[?#]/.test(written[2]!) ? '/' + written[2] : written[2]!
  // The server reads `…github.io//x` as `/x`; a site path never starts with `//`.
  if (rest.startsWith(prefix)) return '/' + rest.slice(prefix.length).replace(/^\/+/, '')
  // `https://user.github.io/repo` (no slash) is the site's home page too.
  const bare = prefix.slice(0, -1)
  const home = bare !== '' && rest.startsWith(bare) && /^(?:[?#]|$)/.test(rest.slice(bare.length))
  return home ? '/' + rest.slice(bare.length) : undefined
}

/**
 * Resolve one URL as written on a page.
 *
 * @returns The URL to write and the fact to record; undefined for external and fragment-only URLs.
 */
export function resolveUrl(raw: string, options: Readonly<Options>): { href: string; path: string; fragment?: string } | undefined {
  const value = ownSitePath(raw.trim(), options.url, options.base) ?? raw.trim()
  if (value === '' || value.startsWith('#') || value.startsWith('//') || SCHEME.test(value)) return undefined
  const hashAt = value.indexOf('#')
  const fragment = hashAt >= 0 ? value.slice(hashAt + 1) : undefined
  const beforeHash = hashAt >= 0 ? value.slice(0, hashAt) : value
  const queryAt = beforeHash.indexOf('?')
  const query = queryAt >= 0 ? beforeHash.slice(queryAt) : ''
  let pathPart = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash
  try {
    pathPart = decodeURI(pathPart)
  } catch {
    // Keep a malformed escape as written; the link check reports it.
  }
  const joined = path.posix.normalize(pathPart.startsWith('/') ? pathPart : path.posix.join(options.dir ?? '/', pathPart))
  let sitePath = joined.startsWith('/') ? joined : '/' + joined
  if (pathPart.endsWith('/') && !sitePath.endsWith('/')) sitePath += '/'
  sitePath = options.resolvePage?.(sitePath) ?? sitePath
  const base = options.base ?? '/'
  const href = encodeURI(base + sitePath.slice(1)) + query + (fragment !== undefined ? '#' + fragment : '')
  return { href, path: sitePath, ...(fragment !== undefined ? { fragment } : {}) }
}

function rewriteSrcset(value: string, options: Readonly<Options>): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url, ...descriptor] = candidate.trim().split(/\s+/)
      const resolved = url ? resolveUrl(url, options) : undefined
      return [resolved ? resolved.href : url, ...descriptor].join(' ')
    })
    .join(', ')
}

/**
 * The options with the page's own folder when none is given: one processor serves every page.
 *
 * @param options As given to the plugin.
 * @param file The page, its entry in `data.page` when the build placed it.
 */
export function withPageDir(options: Readonly<Options>, file: VFile): Readonly<Options> {
  return options.dir === undefined && file.data.page ? { ...options, dir: file.data.page.dir } : options
}

/**
 * Rewrite and record URLs.
 *
 * @param options Base path, the source's folder and the page resolver.
 */
export default function rehypeUrls(given: Readonly<Options> = {}) {
  return function transform(tree: Root, file: VFile): void {
    const options = withPageDir(given, file)
    const links: LinkFact[] = []
    visit(tree, 'element', (node: Element) => {
      const attributes = URL_ATTRIBUTES[node.tagName]
      if (!attributes) return
      for (const attribute of attributes) {
        const value = node.properties[attribute]
        if (typeof value !== 'string') continue
        const where = { line: node.position?.start.line, column: node.position?.start.column }
        const name = `${node.tagName}[${attribute.toLowerCase()}]`
        if (attribute === 'srcSet') {
          node.properties[attribute] = rewriteSrcset(value, options)
          // Each candidate is a file of its own, so each is recorded for the link check.
          for (const candidate of value.split(',')) {
            const url = candidate.trim().split(/\s+/)[0]
            const resolved = url ? resolveUrl(url, options) : undefined
            if (url) links.push({ raw: url, attribute: name, ...where, ...(resolved ? { path: resolved.path } : {}) })
          }
          continue
        }
        if (isScriptUrl(value)) {
          // Markdown targets are gone by now (remark-unsafe-urls.ts); this is the author's raw HTML.
          file.message(`\`${name}\` is a \`javascript:\` URL, which runs a script when followed; kept as written in raw HTML`, { place: node.position?.start, ruleId: 'unsafe-url', source: 'kogi' })
        }
        const resolved = resolveUrl(value, options)
        if (resolved) node.properties[attribute] = resolved.href
        if (resolved && climbsAboveRoot(options.dir ?? '/', value)) {
          // `../../../etc/passwd`: the browser would clamp it at the site root, so it can only be
          // a mistake; kogi never reads or copies anything outside the content folder.
          file.message(`\`${value}\` climbs above the site root; it points outside the site`, { place: node.position?.start, ruleId: 'outside-site', source: 'kogi' })
        }
        // A fragment-only URL (`#box-1`) points into this page: it has a fragment and no path.
        const fragment = resolved ? resolved.fragment : value.startsWith('#') ? value.slice(1) : undefined
        links.push({ raw: value, attribute: name, ...where, ...(resolved ? { path: resolved.path } : {}), ...(fragment !== undefined ? { fragment } : {}) })
      }
    })
    if (file.data.facts) file.data.facts.links = links
  }
}
