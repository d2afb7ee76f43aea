/**
 * The preview server: loopback only by default, nothing outside the site folder is ever
 * served whatever the request path, unknown paths get the 404 page, and it keeps serving
 * through floods, clients that vanish mid-response and malformed requests. It answers only its
 * own Host names, so a page on the web that points its name at 127.0.0.1 gets nothing.
 */
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveRequest, serveSite } from '../src/dev/server.js'
import { ask } from './helpers/ask.js'

let root: string
let url: string
let port: number
let close: () => Promise<void>

/** Send raw bytes and read the whole answer (the request is sent exactly as written). */
function raw(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request))
    let data = ''
    socket.setEncoding('latin1')
    socket.on('data', (d) => (data += d))
    socket.on('end', () => resolve(data))
    socket.on('error', reject)
  })
}

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-serve-'))
  root = path.join(dir, 'site')
  fs.mkdirSync(path.join(root, 'c', 'a'), { recursive: true })
  fs.writeFileSync(path.join(root, 'index.html'), '<h1>home</h1>')
  fs.writeFileSync(path.join(root, '404.html'), '<h1>not found page</h1>')
  fs.writeFileSync(path.join(root, 'c', 'a', 'index.html'), '<h1>lecture</h1>')
  fs.writeFileSync(path.join(root, 'big.bin'), Buffer.alloc(8 * 1024 * 1024, 1))
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'SECRET')
  fs.mkdirSync(path.join(root, '_kogi', 'katex', 'fonts'), { recursive: true })
  fs.writeFileSync(path.join(root, '_kogi', 'kogi.0123456789.css'), 'body{}')
  fs.writeFileSync(path.join(root, '_kogi', 'katex', 'fonts', 'KaTeX_Main-Regular.woff2'), 'font')
  fs.writeFileSync(path.join(root, 'photo.0123456789.png'), 'png')
  const s = await serveSite({ root, port: 0 })
  url = s.url
  port = (s.server.address() as net.AddressInfo).port
  close = () => new Promise((r) => s.server.close(() => r()))
})
afterAll(() => close())

describe('preview server', () => {
  it('lets a browser keep the theme files named for their content, and revalidates the rest', async () => {
    const head = (rel: string, extra = '') => raw(`GET /${rel} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extra}\r\n`)
    expect(await head('_kogi/kogi.0123456789.css')).toMatch(/^HTTP\/1\.1 200[^]*\r\ncache-control: public, max-age=31536000, immutable\r\n/i)
    for (const rel of ['_kogi/katex/fonts/KaTeX_Main-Regular.woff2', 'photo.0123456789.png']) {
      const first = await head(rel)
      expect(first).toMatch(/\r\ncache-control: no-cache\r\n/i)
      const modified = /\r\nlast-modified: ([^\r]+)\r\n/i.exec(first)![1]!
      expect(await head(rel, `If-Modified-Since: ${modified}\r\n`)).toMatch(/^HTTP\/1\.1 304 /)
      expect(await head(rel, `If-Modified-Since: ${new Date(Date.parse(modified) - 60_000).toUTCString()}\r\n`)).toMatch(/^HTTP\/1\.1 200 /)
    }
  })

  it('listens on 127.0.0.1 by default', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  it('serves pages and folders, redirecting a folder without its slash', async () => {
    expect(await (await fetch(url + 'c/a/')).text()).toBe('<h1>lecture</h1>')
    const r = await fetch(url + 'c/a', { redirect: 'manual' })
    expect([r.status, r.headers.get('location')]).toEqual([301, '/c/a/'])
  })

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/c/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/c/%2e%2e/%2e%2e/secret.txt', '//etc/passwd', '/%00', '/index.html%00.txt', '/%ff', '/etc/passwd'])('never serves %s from outside the site', async (target) => {
    const answer = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
    expect(answer).not.toContain('SECRET')
    expect(answer).not.toContain('root:x:0')
    expect(answer).toMatch(/^HTTP\/1\.1 (400|404)/)
  })

  it('answers unknown paths with the 404 page and status', async () => {
    const r = await fetch(url + 'no/such/page/')
    expect(r.status).toBe(404)
    expect(await r.text()).toBe('<h1>not found page</h1>')
  })

  it('survives 500 concurrent requests', async () => {
    const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => fetch(url + (i % 2 ? 'c/a/' : 'index.html')).then((r) => r.status)))
    expect(answers.filter((s) => s === 200)).toHaveLength(500)
  })

  it('survives clients that disconnect mid-response and malformed requests', async () => {
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write('GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'))
        socket.once('data', () => {
          socket.destroy()
          resolve()
        })
      })
    }
    expect(await raw('NONSENSE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/)
    expect(await raw('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/)
    expect(await raw('POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')).toMatch(/^HTTP\/1\.1 405/)
    expect((await fetch(url)).status).toBe(200)
  })
})

describe('preview server Host names', () => {
  it('gives a foreign Host a 403 that names the accepted hosts and holds nothing of the site', async () => {
    for (const [host, target] of [['evil.example', '/'], [`evil.example:${port}`, '/c/a/'], [`localhost.evil.example:${port}`, '/'], [`127.0.0.1.nip.io:${port}`, '/big.bin']] as const) {
      const answer = await ask(port, target, { host })
      expect(answer).toEqual({ status: 403, type: 'text/plain; charset=utf-8', body: `kogi serves only the host names localhost, 127.0.0.1, [::1]; this request was for ${JSON.stringify(host)}.\n` })
    }
    // The Host is checked before the path is even looked at.
    expect((await ask(port, '/../secret.txt', { host: 'evil.example' })).status).toBe(403)
  })

  it('refuses a request without a Host (HTTP/1.0) and a malformed one', async () => {
    const answer = await raw('GET / HTTP/1.0\r\n\r\n')
    expect(answer).toMatch(/^HTTP\/1\.1 403 /)
    expect(answer).not.toContain('home')
    expect((await ask(port, '/', { host: 'localhost@evil.example' })).status).toBe(403)
  })

  it.each(['localhost', 'LocalHost.', '127.0.0.1', '[::1]', '127.1'])('answers %s with and without the port', async (name) => {
    for (const host of [name, `${name}:${port}`]) expect(await ask(port, '/c/a/', { host })).toEqual({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>lecture</h1>' })
  })

  it('answers the address given to listen on, and with 0.0.0.0 this machine\'s own addresses', async () => {
    const wide = await serveSite({ root, host: '0.0.0.0', port: 0 })
    const widePort = (wide.server.address() as net.AddressInfo).port
    try {
      const own = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []).find((a) => !a.internal && a.family === 'IPv4')?.address ?? os.hostname()
      for (const host of [`0.0.0.0:${widePort}`, `${own}:${widePort}`, `${os.hostname()}:${widePort}`, `localhost:${widePort}`]) {
        expect([host, (await ask(widePort, '/c/a/', { host })).body]).toEqual([host, '<h1>lecture</h1>'])
      }
      const refused = await ask(widePort, '/', { host: `evil.example:${widePort}` })
      expect(refused.status).toBe(403)
      expect(refused.body).toBe(`kogi serves only the host names localhost, 127.0.0.1, [::1], 0.0.0.0, and this machine's own addresses and host name; this request was for "evil.example:${widePort}".\n`)
    } finally {
      await new Promise((r) => wide.server.close(r))
    }
  })
})

describe('resolveRequest', () => {
  it('maps only paths inside the site under its base', () => {
    expect(resolveRequest('/s', '/kogi/', '/kogi/c/a/')).toBe('/s/c/a')
    expect(resolveRequest('/s', '/kogi/', '/other/')).toBeUndefined()
    expect(resolveRequest('/s', '/', '/a/%2e%2e/b')).toBeUndefined()
    expect(resolveRequest('/s', '/', '/a\\..\\b')).toBeUndefined()
  })
})
