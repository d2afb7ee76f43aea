/**
 * The dev server over real HTTP: serves the site with the live-reload script, rebuilds on a
 * save and tells open pages to reload, and on a broken edit keeps serving the last good site
 * and sends the problems to the page and the terminal. A foreign Host (DNS rebinding) gets no page
 * and no event stream, and the stream answers only pages of its own origin.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev, type DevServer } from '../src/dev/dev.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'
import { get } from './helpers/get.js'
import { ask } from './helpers/ask.js'

let dev: DevServer
let content: string
const logged: string[] = []

/** An event-stream client that collects `event:` names and data. */
function listen(url: string): { next: (type: string) => Promise<string>; close: () => void } {
  const seen: { type: string; data: string }[] = []
  const waiting: { type: string; resolve: (d: string) => void }[] = []
  let buffer = ''
  const req = http.get(url, (res) => {
    res.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const type = /^event: (.*)$/m.exec(block)?.[1]
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? '""'
        if (!type) continue
        const w = waiting.findIndex((x) => x.type === type)
        if (w >= 0) waiting.splice(w, 1)[0]!.resolve(JSON.parse(data) as string)
        else seen.push({ type, data: JSON.parse(data) as string })
      }
    })
  })
  req.on('error', () => undefined)
  return {
    next: (type) => {
      const i = seen.findIndex((s) => s.type === type)
      if (i >= 0) return Promise.resolve(seen.splice(i, 1)[0]!.data)
      return new Promise((resolve) => waiting.push({ type, resolve }))
    },
    close: () => req.destroy(),
  }
}

beforeAll(async () => {
  const p = tempProject({ 'c/a.md': '---\ntitle: A\n---\n\n本文 $x^2$\n', 'c/b.md': '# B\n\n[A](./a.md)\n', 'c/draft.md': '# D\n\n<!-- 未発表の下書き -->\n' })
  content = p.content
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(p.dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(p.dir, 'assets'), { recursive: true })
  dev = await startDev({ root: p.dir, contentDir: content, port: 0, log: (t) => logged.push(t) })
})

afterAll(async () => {
  await dev?.close()
})

describe('kogi dev', () => {
  it('serves the built site on 127.0.0.1 with the live-reload script', async () => {
    expect(dev.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const page = await get(dev.url + 'c/a/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('本文')
    expect(page.body).toContain('__kogi/events')
  })

  it('gives a foreign Host a 403 with no page and no drafts, on pages and the event stream', async () => {
    const port = Number(new URL(dev.url).port)
    expect((await ask(port, '/c/draft/', { host: `127.0.0.1:${port}` })).body).toContain('未発表の下書き')
    for (const target of ['/c/draft/', '/__kogi/events']) {
      const answer = await ask(port, target, { host: `rebound.example:${port}` })
      expect(answer).toEqual({ status: 403, type: 'text/plain; charset=utf-8', body: `kogi serves only the host names localhost, 127.0.0.1, [::1]; this request was for "rebound.example:${port}".\n` })
    }
  })

  it('opens the event stream only to pages of its own origin', async () => {
    const port = Number(new URL(dev.url).port)
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      expect(await ask(port, '/__kogi/events', { host })).toEqual({ status: 200, type: 'text/event-stream; charset=utf-8', body: ': kogi\n\n' })
      expect(await ask(port, '/__kogi/events', { host, origin: `http://${host}` })).toEqual({ status: 200, type: 'text/event-stream; charset=utf-8', body: ': kogi\n\n' })
    }
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, `http://localhost:${port}`, `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`, 'null']) {
      const answer = await ask(port, '/__kogi/events', { host: `127.0.0.1:${port}`, origin })
      expect(answer).toEqual({ status: 403, type: 'text/plain; charset=utf-8', body: `kogi's live-reload channel answers only pages of http://127.0.0.1:${port}; this request came from ${JSON.stringify(origin)}.\n` })
    }
  })

  it('rebuilds on a save and tells the open page to reload', async () => {
    const events = listen(dev.url + '__kogi/events')
    await new Promise((r) => setTimeout(r, 50))
    const saved = performance.now()
    fs.writeFileSync(path.join(content, 'c/a.md'), '---\ntitle: A\n---\n\n書き換えた $y^2$\n')
    await events.next('reload')
    console.log(`[kogi dev] save → reload event: ${(performance.now() - saved).toFixed(0)} ms`)
    expect((await get(dev.url + 'c/a/')).body).toContain('書き換えた')
    events.close()
  })

  it('keeps serving the last good site on a broken edit and reports it to the page and the terminal', async () => {
    const events = listen(dev.url + '__kogi/events')
    await new Promise((r) => setTimeout(r, 50))
    fs.writeFileSync(path.join(content, 'c/b.md'), '---\nlayout: nosuchlayout\n---\n# B\n')
    const problems = await events.next('problems')
    expect(problems).toMatch(/b\.md:\d+:\d+ +error +unknown layout "nosuchlayout"/)
    expect(logged.join('\n')).toContain('unknown layout "nosuchlayout"')
    const page = await get(dev.url + 'c/b/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('B')
    // A page opened now sees the problems at once.
    const late = listen(dev.url + '__kogi/events')
    expect(await late.next('problems')).toContain('nosuchlayout')
    fs.writeFileSync(path.join(content, 'c/b.md'), '# B fixed\n')
    await events.next('reload')
    expect((await get(dev.url + 'c/b/')).body).toContain('B fixed')
    events.close()
    late.close()
  })
})
