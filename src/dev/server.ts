/**
 * A small static server for a built site: `kogi preview` (and the dev server's file serving).
 *
 * Root-relative URLs do not work from file://, so the site is served over HTTP on 127.0.0.1,
 * under its base path. Every request path is decoded once, checked and resolved inside the
 * site folder: `..`, encoded separators, absolute paths and NUL bytes never reach the disk.
 * A request for another Host name than the server's own is refused (src/dev/host-check.ts).
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { AllowedHosts } from './host-check.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.mp4': 'video/mp4',
  '.ipynb': 'application/json; charset=utf-8',
}

/**
 * How long a browser may keep a file. The theme's files are named for their content
 * (`kogi.ae0ab48a9a.css`, the search index's folders): a changed file has a new name, so they are
 * kept for good and a reload in the dev server asks only for the page. The rest is revalidated.
 */
function cacheControl(file: string): string {
  const theme = /[/\\]_kogi[/\\]/.test(file) && /\.[0-9a-f]{10}\.[a-z0-9]+$|[/\\][sd][0-9a-f]{10}[/\\]/.test(file)
  return theme ? 'public, max-age=31536000, immutable' : 'no-cache'
}

/** Options for {@link serveSite}. */
export interface ServeOptions {
  /** The built site folder. */
  readonly root: string
  /** Base path the site is built for (`/` or `/repo/`). */
  readonly base?: string
  /** Address to listen on (default 127.0.0.1); it and the loopback names are the Host names answered. */
  readonly host?: string
  /** Port; 0 picks a free one. */
  readonly port?: number
  /** Called for each HTML response with the path asked for (undecoded), to inject e.g. a live-reload script. */
  readonly transformHtml?: (html: string, pathname: string) => string
  /**
   * Called first for each request with an accepted Host; returns true when it answered it (the dev
   * server's events). It is given the Host names the server answers, to check an Origin too.
   */
  readonly intercept?: (req: http.IncomingMessage, res: http.ServerResponse, hosts: AllowedHosts) => boolean
}

/**
 * Map a request URL to a file inside the site, or undefined when it must not be served.
 *
 * @param root The site folder (absolute).
 * @param base The base path.
 * @param rawUrl The request target as received.
 */
export function resolveRequest(root: string, base: string, rawUrl: string): string | undefined {
  const pathname = rawUrl.split('?')[0]!.split('#')[0]!
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) return undefined
  if (!decoded.startsWith(base) && decoded + '/' !== base) return undefined
  const inside = decoded.slice(base.length)
  const parts = inside.split('/')
  if (parts.some((p) => p === '..' || p === '.')) return undefined
  const abs = path.resolve(root, ...parts.filter(Boolean))
  if (abs !== root && !abs.startsWith(root + path.sep)) return undefined
  return abs
}

function fileFor(abs: string): string | undefined {
  try {
    const stat = fs.statSync(abs)
    if (stat.isFile()) return abs
    if (stat.isDirectory()) {
      const index = path.join(abs, 'index.html')
      return fs.existsSync(index) ? index : undefined
    }
  } catch {
    return undefined
  }
  return undefined
}

/**
 * Start serving a site.
 *
 * @returns The server and the URL it listens on.
 */
export async function serveSite(options: ServeOptions): Promise<{ server: http.Server; url: string }> {
  const root = path.resolve(options.root)
  const base = options.base ?? '/'
  const listenHost = options.host ?? '127.0.0.1'
  const hosts = new AllowedHosts(listenHost)
  const server = http.createServer((req, res) => {
    res.on('error', () => undefined)
    if (hosts.refuse(req, res)) return
    if (options.intercept?.(req, res, hosts)) return
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    const rawUrl = req.url ?? '/'
    if (rawUrl === '/' && base !== '/') {
      res.writeHead(302, { location: base }).end()
      return
    }
    const abs = resolveRequest(root, base, rawUrl)
    const pathname = rawUrl.split('?')[0]!
    let file = abs ? fileFor(abs) : undefined
    if (file && file.endsWith('index.html') && abs && !abs.endsWith('index.html') && !pathname.endsWith('/')) {
      res.writeHead(301, { location: pathname + '/' }).end()
      return
    }
    let status = 200
    if (!file) {
      status = 404
      file = fileFor(path.join(root, '404.html'))
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 Not Found')
      return
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': cacheControl(file), 'x-content-type-options': 'nosniff' }
    // Everything else is asked for again on each load, and answered 304 while unchanged.
    const stat = status === 200 && headers['cache-control'] === 'no-cache' ? fs.statSync(file, { throwIfNoEntry: false }) : undefined
    if (stat) {
      headers['last-modified'] = stat.mtime.toUTCString()
      const since = Date.parse(String(req.headers['if-modified-since'] ?? ''))
      if (since >= Math.floor(stat.mtimeMs / 1000) * 1000 && !(type.startsWith('text/html') && options.transformHtml)) {
        res.writeHead(304, headers).end()
        return
      }
    }
    if (type.startsWith('text/html') && options.transformHtml) {
      fs.readFile(file, 'utf8', (error, html) => {
        if (error) return res.writeHead(500).end()
        res.writeHead(status, headers).end(req.method === 'HEAD' ? undefined : options.transformHtml!(html, pathname))
      })
      return
    }
    res.writeHead(status, headers)
    if (req.method === 'HEAD') return res.end()
    const stream = fs.createReadStream(file)
    stream.on('error', () => res.destroy())
    req.on('close', () => stream.destroy())
    stream.pipe(res)
  })
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')
    else socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 4000, listenHost, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return { server, url: `http://${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${port}${base}` }
}
