/**
 * Every URL a built site refers to — in its HTML attributes, srcsets, stylesheets' `url()`
 * and sitemap — and a crawler that requests them from a served copy of the site.
 */
import fs from 'node:fs'
import path from 'node:path'

/** One URL found in the site, with where it was found. */
export interface FoundUrl {
  /** The URL as written. */
  readonly raw: string
  /** Absolute path on the server (`/kogi/a/b/`), fragment and query removed. */
  readonly path: string
  /** Site file it was found in. */
  readonly in: string
  /** Element and attribute, `css url()` or `sitemap`. */
  readonly kind: string
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

function decodeEntities(value: string): string {
  return value.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&').replace(/&quot;/g, '"')
}

const CSS_URL = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g
const TAG = /<([a-z][a-z0-9]*)\b[^>]*>/gi
const ATTR_IN_TAG = /\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/g
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'poster', 'data', 'action', 'content'])

/**
 * Collect the URLs of a built site that point into the site itself.
 *
 * @param root The site folder.
 * @param origin The site's public origin (config `url`), so absolute self-links count too.
 * @param base The base path the site was built for.
 */
export function siteUrls(root: string, origin: string, base: string): FoundUrl[] {
  const found: FoundUrl[] = []
  const add = (raw: string, from: string, kind: string, fileUrl: string) => {
    const value = decodeEntities(raw.trim())
    if (value === '' || value.startsWith('#') || value.startsWith('data:')) return
    let url: URL
    try {
      url = new URL(value, 'http://site.invalid' + fileUrl)
    } catch {
      return
    }
    const self = url.origin === 'http://site.invalid' || (origin !== '' && value.startsWith(origin + '/'))
    if (!self) return
    found.push({ raw: value, path: decodeURI(url.pathname), in: from, kind })
  }
  for (const abs of allFiles(root)) {
    const rel = path.relative(root, abs).split(path.sep).join('/')
    const fileUrl = base + rel
    if (rel.endsWith('.html')) {
      const html = fs.readFileSync(abs, 'utf8')
      const css = [...html.matchAll(/\sstyle="([^"]*)"/g), ...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => decodeEntities(m[1]!))
      for (const m of css.join('\n').matchAll(CSS_URL)) add(m[2]!, rel, 'html css url()', fileUrl)
      for (const tag of html.matchAll(TAG)) {
        const attrs = new Map([...tag[0].matchAll(ATTR_IN_TAG)].map((a) => [a[1]!.toLowerCase(), a[3] ?? a[4] ?? '']))
        for (const [name, value] of attrs) {
          const kind = `${tag[1]!.toLowerCase()}[${name}]`
          // Only the meta tags that carry URLs (og:url, og:image).
          if (name === 'content' && !/^og:(url|image)$/.test(attrs.get('property') ?? '')) continue
          // data-* attributes holding a site path (a search index, a QR code target) count too.
          if (!URL_ATTRIBUTES.has(name) && !(name.startsWith('data-') && /^\/(?!\/)/.test(value))) continue
          if (name === 'srcset') for (const candidate of value.split(',')) add(candidate.trim().split(/\s+/)[0] ?? '', rel, kind, fileUrl)
          else add(value, rel, kind, fileUrl)
        }
      }
    } else if (rel.endsWith('.css')) {
      for (const m of fs.readFileSync(abs, 'utf8').matchAll(CSS_URL)) add(m[2]!, rel, 'css url()', fileUrl)
    } else if (rel === 'sitemap.xml') {
      for (const m of fs.readFileSync(abs, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)) add(m[1]!, rel, 'sitemap', fileUrl)
    }
  }
  return found
}

/**
 * Request each distinct path from a served site; returns the status of each.
 *
 * @param serverUrl The server's origin and base, e.g. `http://127.0.0.1:1234/kogi/`.
 * @param paths Absolute paths on that server.
 */
export async function statuses(serverUrl: string, paths: Iterable<string>): Promise<Map<string, number>> {
  const origin = new URL(serverUrl).origin
  const result = new Map<string, number>()
  for (const p of new Set(paths)) {
    const response = await fetch(origin + encodeURI(p))
    await response.arrayBuffer()
    result.set(p, response.status)
  }
  return result
}
