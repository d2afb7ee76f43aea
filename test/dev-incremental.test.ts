/**
 * The dev server's one-page rebuild over real files, watcher and HTTP: a saved lecture is served
 * at once, the pages that show it follow, the result equals a full build of the same sources,
 * unrelated pages are left alone (the glossary too, when no title or term changed), a broken save keeps the last good page, and a new lecture
 * file appears.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev, type DevServer } from '../src/dev/dev.js'
import { loadConfig } from '../src/config.js'
import { build } from '../src/stages/build.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'
import { get } from './helpers/get.js'

let dev: DevServer
let root: string
let content: string
const site = () => path.join(root, '.cache', 'kogi', 'dev', 'site')

/** Open the event stream and resolve with the first event of a type (a page opened while the site is broken first gets its problems). */
function nextEvent(type: string): Promise<{ type: string; data: string; close: () => void }> & { ready: Promise<void> } {
  let ready!: () => void
  const readyPromise = new Promise<void>((r) => (ready = r))
  const p = new Promise<{ type: string; data: string; close: () => void }>((resolve) => {
    const req = http.get(dev.url + '__kogi/events', (res) => {
      let buffer = ''
      ready()
      res.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk
        const m = new RegExp(`event: (${type})\ndata: (.*)\n\n`).exec(buffer)
        if (m) resolve({ type: m[1]!, data: JSON.parse(m[2]!) as string, close: () => req.destroy() })
      })
    })
    req.on('error', () => undefined)
  })
  return Object.assign(p, { ready: readyPromise })
}

async function save(rel: string, text: string, expected = 'reload|problems'): Promise<{ type: string; data: string }> {
  const event = nextEvent(expected)
  await event.ready
  fs.writeFileSync(path.join(content, rel), text)
  const got = await event
  got.close()
  await dev.settled()
  return got
}

/** Every file of a built site, by path. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(dir, f)
    if (fs.statSync(abs).isFile()) out.set(f, fs.readFileSync(abs))
  }
  return out
}

const lecture = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`

beforeAll(async () => {
  const p = tempProject({
    'c/index.md': '---\ntitle: コース\n---\n\nコースの説明\n',
    'c/lect1.md': lecture('第1回', '一回目 $a$'),
    'c/lect2.md': lecture('第2回', '## 用語集\n\n**活性化関数**：ニューロンの出力を決める関数。<br/>\n\n二回目 $b^2$ [一回目](./lect1.md)'),
    'c/lect3.md': lecture('第3回', '三回目 $c$'),
    'd/lect1.md': lecture('別の回', '別のコース'),
  })
  root = p.dir
  content = p.content
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(root, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(root, 'kogi.config.json'), JSON.stringify({ title: 'テスト', url: 'https://example.org' }))
  dev = await startDev({ root, contentDir: content, port: 0, log: () => undefined })
})

afterAll(async () => {
  await dev?.close()
})

describe('kogi dev, one saved lecture', () => {
  it('serves the edit, updates neighbours, course page and glossary, and leaves other pages alone', async () => {
    const other = path.join(site(), 'd/lect1/index.html')
    const before = fs.statSync(other)
    const event = await save('c/lect2.md', lecture('第2回 改題', '## 用語集\n\n**損失関数**：予測と正解のずれ。<br/>\n\n書き換えた本文 $b^3$ [一回目](./lect1.md)'))
    expect(event.type).toBe('reload')
    expect((await get(dev.url + 'c/lect2/')).body).toContain('書き換えた本文')
    expect((await get(dev.url + 'c/lect1/')).body).toMatch(/rel="next"[^>]*>.*第2回 改題/s)
    expect((await get(dev.url + 'c/lect3/')).body).toMatch(/rel="prev"[^>]*>.*第2回 改題/s)
    expect((await get(dev.url + 'c/')).body).toContain('第2回 改題')
    const terms = (await get(dev.url + 'c/terms/')).body
    expect(terms).toContain('損失関数')
    expect(terms).not.toContain('活性化関数')
    // The page of the other course was not written again.
    expect(fs.statSync(other).mtimeMs).toBe(before.mtimeMs)
    expect(fs.statSync(other).ino).toBe(before.ino)
  })

  it('makes the glossary again only when a title or a term changed, not for an edit of the text', async () => {
    const glossary = path.join(site(), 'c/terms/index.html')
    const before = fs.statSync(glossary)
    await save('c/lect2.md', lecture('第2回 改題', '## 用語集\n\n**損失関数**：予測と正解のずれ。<br/>\n\n本文だけを大きく書き換えた、説明になる長さの段落 $b^4$ [一回目](./lect1.md)'))
    expect((await get(dev.url + 'c/lect2/')).body).toContain('本文だけを大きく書き換えた')
    expect(fs.statSync(glossary).ino).toBe(before.ino)
    expect(fs.statSync(glossary).mtimeMs).toBe(before.mtimeMs)
    await save('c/lect2.md', lecture('第2回 改題', '## 用語集\n\n**誤差逆伝播**：勾配を出力側から求める方法。<br/>\n\n本文だけを大きく書き換えた、説明になる長さの段落 $b^4$ [一回目](./lect1.md)'))
    expect((await get(dev.url + 'c/terms/')).body).toContain('誤差逆伝播')
  })

  it('leaves the served site equal to a full build of the same sources', async () => {
    await save('c/lect3.md', lecture('第3回 改', '三回目を直した $c_1$'))
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-full-')), '_site')
    const result = await build({
      config: loadConfig(root),
      contentDir: content,
      outDir: out,
      templatesDir: path.join(root, 'templates'),
      assetsDir: path.join(root, 'assets'),
      drafts: true,
    })
    expect(result.written).toBe(true)
    const full = files(out)
    const served = files(site())
    expect([...served.keys()].sort()).toEqual([...full.keys()].sort())
    for (const [rel, data] of full) expect(served.get(rel)?.equals(data), rel).toBe(true)
  })

  it('keeps the last good page on a broken save, shows the problem, and recovers', async () => {
    const event = await save('c/lect1.md', '---\ntitle: [unclosed\n---\n\n壊れた\n')
    expect(event.type).toBe('problems')
    expect(event.data).toMatch(/lect1\.md:\d+:\d+ +error +invalid YAML front matter/)
    const kept = await get(dev.url + 'c/lect1/')
    expect(kept.status).toBe(200)
    expect(kept.body).toContain('一回目')
    expect(kept.body).not.toContain('壊れた')
    expect((await save('c/lect1.md', lecture('第1回', '直った $a$'), 'reload')).type).toBe('reload')
    expect((await get(dev.url + 'c/lect1/')).body).toContain('直った')
  })

  it('shows a new lecture file and links it from its neighbour', async () => {
    expect((await save('c/lect4.md', lecture('第4回', '新しい回'))).type).toBe('reload')
    const page = await get(dev.url + 'c/lect4/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('新しい回')
    expect((await get(dev.url + 'c/lect3/')).body).toMatch(/rel="next"[^>]*>.*第4回/s)
  })
})
