/**
 * The dev server sees every save on a real file system and rebuilds: saves that replace the
 * file (rename over it, twice in a row; `sed -i`), a lecture moved in from outside the content
 * folder and out again, a folder of lectures deleted and made again, and a burst of 30 writes (a
 * `git checkout`) built once. Each test waits on the server's rebuild hook, never on a clock.
 */
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev, type DevServer } from '../src/dev/dev.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'
import { get } from './helpers/get.js'
import { Rebuilds } from './helpers/rebuilds.js'

let dev: DevServer
let root: string
let content: string
const rebuilds = new Rebuilds()
const lecture = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`
const numbered = Array.from({ length: 25 }, (_, i) => `c/l${String(i + 1).padStart(2, '0')}.md`)

beforeAll(async () => {
  const files: Record<string, string> = { 'c/a.md': lecture('A', '最初の本文'), 'd/x.md': lecture('X', 'エックス'), 'd/y.md': lecture('Y', 'ワイ') }
  for (const rel of numbered) files[rel] = lecture(rel, `${rel} の本文`)
  const p = tempProject(files)
  root = p.dir
  content = p.content
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(root, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(root, 'kogi.config.json'), JSON.stringify({ title: 'テスト' }))
  dev = await startDev({ root, contentDir: content, port: 0, log: () => undefined, onRebuilt: rebuilds.hook })
})

afterAll(async () => {
  await dev?.close()
})

describe('kogi dev sees every save', () => {
  it('rebuilds the page after each of two saves that rename a new file over it', async () => {
    const a = path.join(content, 'c/a.md')
    for (const text of ['一回目の保存', '二回目の保存']) {
      const from = rebuilds.all.length
      fs.writeFileSync(a + '.tmp', lecture('A', text))
      fs.renameSync(a + '.tmp', a)
      const rebuilt = await rebuilds.of(from, a)
      // The temporary file, gone by then, asks for nothing: the page alone is built.
      expect(rebuilt.full).toBe(false)
      expect((await get(dev.url + 'c/a/')).body).toContain(text)
    }
  })

  it('rebuilds the page after sed -i', async () => {
    const a = path.join(content, 'c/a.md')
    for (const text of ['sedで一回', 'sedで二回']) {
      const from = rebuilds.all.length
      // Line 5 is the body.
      execFileSync('sed', ['-i', `5s/.*/${text}/`, a])
      const rebuilt = await rebuilds.of(from, a)
      expect(rebuilt.full).toBe(false)
      expect((await get(dev.url + 'c/a/')).body).toContain(text)
    }
  })

  it('shows a lecture moved in from outside the content folder and drops it when moved out', async () => {
    const outside = path.join(root, 'moved.md')
    const inside = path.join(content, 'c/moved.md')
    fs.writeFileSync(outside, lecture('移ってきた回', '外から来た本文'))
    let from = rebuilds.all.length
    fs.renameSync(outside, inside)
    expect((await rebuilds.of(from, inside)).full).toBe(true)
    expect((await get(dev.url + 'c/moved/')).body).toContain('外から来た本文')
    expect((await get(dev.url + 'c/')).body).toContain('移ってきた回')
    from = rebuilds.all.length
    fs.renameSync(inside, outside)
    await rebuilds.of(from, inside)
    expect((await get(dev.url + 'c/moved/')).status).toBe(404)
    expect((await get(dev.url + 'c/')).body).not.toContain('移ってきた回')
  })

  it('follows a folder of lectures deleted and made again with other lectures', async () => {
    const folder = path.join(content, 'd')
    const [x, y, z] = ['x', 'y', 'z'].map((n) => path.join(folder, `${n}.md`)) as [string, string, string]
    let from = rebuilds.all.length
    fs.rmSync(folder, { recursive: true })
    await rebuilds.of(from, folder, x, y)
    expect((await get(dev.url + 'd/x/')).status).toBe(404)
    from = rebuilds.all.length
    fs.mkdirSync(folder)
    fs.writeFileSync(x, lecture('X', '戻ってきたエックス'))
    fs.writeFileSync(z, lecture('Z', 'ゼット'))
    await rebuilds.of(from, z)
    expect((await get(dev.url + 'd/x/')).body).toContain('戻ってきたエックス')
    expect((await get(dev.url + 'd/z/')).body).toContain('ゼット')
    expect((await get(dev.url + 'd/y/')).status).toBe(404)
    // At once this time: deleted and made again before the server hears of it.
    from = rebuilds.all.length
    fs.rmSync(folder, { recursive: true })
    fs.mkdirSync(folder)
    fs.writeFileSync(y, lecture('Y', '新しいワイ'))
    await rebuilds.of(from, y)
    expect((await get(dev.url + 'd/y/')).body).toContain('新しいワイ')
    expect((await get(dev.url + 'd/x/')).status).toBe(404)
    expect((await get(dev.url + 'd/z/')).status).toBe(404)
  })

  it('builds a burst of 30 writes once, then the next save alone', async () => {
    const added = Array.from({ length: 5 }, (_, i) => `c/new${i + 1}.md`)
    const written = [...numbered, ...added]
    const from = rebuilds.all.length
    for (const rel of written) fs.writeFileSync(path.join(content, rel), lecture(rel, `${rel} を切り替えた`))
    const burst = await rebuilds.of(from, path.join(content, written[0]!))
    expect(burst.paths).toEqual(written.map((rel) => path.join(content, rel)).sort())
    expect(burst.full).toBe(true)
    for (const rel of written) expect((await get(dev.url + rel.replace(/\.md$/, '/'))).body).toContain(`${rel} を切り替えた`)
    const a = path.join(content, 'c/a.md')
    fs.writeFileSync(a, lecture('A', '次の保存'))
    const next = await rebuilds.of(from, a)
    expect(rebuilds.all.slice(from)).toEqual([burst, next])
    expect(next.paths).toEqual([a])
    expect((await get(dev.url + 'c/a/')).body).toContain('次の保存')
  })
})
