/**
 * The dev server's problems: the first build prints every one, each save after it only the
 * problems it made new and those it fixed; the problems page lists them all, grouped by lecture,
 * linking each to its section of the page and to its line in the editor; a page with problems
 * shows a banner linking there.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import type { Element } from 'hast'
import { VFile } from 'vfile'
import { ProblemSet, formatChanges } from '../src/dev/problems.js'
import { startDev, type DevServer } from '../src/dev/dev.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'
import { get } from './helpers/get.js'
import { ask } from './helpers/ask.js'
import { Rebuilds } from './helpers/rebuilds.js'

let dev: DevServer
let content: string
const logged: string[] = []
const rebuilds = new Rebuilds()
/** A file's path as the report names it, and the absolute path the editor opens. */
const shown = (rel: string) => path.relative(process.cwd(), path.join(content, rel))
const abs = (rel: string) => path.join(content, rel)

const A = '---\ntitle: A\n---\n\n## 最初の節\n\n本文 [x](./nope.md)\n\n## 次の節\n\n![](missing.png)\n'
const brokenLink = (rel: string, at: string, to: string) =>
  `${shown(rel)}:${at}  warning  broken link "./${to}.md" (/c/${to}.md): no page or file at that address  broken-link kogi`
const missingImage = (at: string) => `${shown('c/a.md')}:${at}  warning  missing image "missing.png" (/c/missing.png): put the file at ${shown('c/missing.png')}  missing-asset kogi`

/** Save a lecture and resolve with what the server logged for the rebuild of it. */
async function save(rel: string, text: string): Promise<string[]> {
  const from = rebuilds.all.length
  const before = logged.length
  fs.writeFileSync(abs(rel), text)
  await rebuilds.of(from, abs(rel))
  return logged.slice(before)
}

beforeAll(async () => {
  const p = tempProject({ 'c/a.md': A, 'c/b.md': '---\ntitle: B\n---\n\n[y](./b.md#nowhere)\n\n## 節\n', 'c/ok.md': '# OK\n\nよい\n' })
  content = p.content
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(p.dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(p.dir, 'assets'), { recursive: true })
  dev = await startDev({ root: p.dir, contentDir: content, port: 0, log: (t) => logged.push(t), onRebuilt: rebuilds.hook })
})

afterAll(async () => {
  await dev?.close()
})

/** The text of an element's links, with their targets. */
const links = (node: Element | undefined) => (node ? selectAll('a', node).map((a) => [String(a.properties.href), toString(a)]) : [])

describe('kogi dev problems', () => {
  it('lists every problem on the problems page, grouped by lecture, linked to its section and its line', async () => {
    const answer = await get(dev.url + '_kogi/problems')
    expect(answer.status).toBe(200)
    const page = fromHtml(answer.body)
    expect(toString(select('h1', page)!)).toBe('kogi: 3 problems in 2 files')
    const sections = selectAll('section', page)
    expect(sections.map((s) => s.properties.id)).toEqual([shown('c/a.md'), shown('c/b.md')])
    const [a, b] = sections as [Element, Element]
    expect(links(select('h2', a))).toEqual([['/c/a/', 'A']])
    expect(toString(select('h2 code', a)!)).toBe(shown('c/a.md'))
    expect(selectAll('li', a).map((li) => [li.properties.className, ...links(li)])).toEqual([
      [['warning'], ['/c/a/#最初の節', `${shown('c/a.md')}:7:4`], [`vscode://file${abs('c/a.md')}:7:4`, 'open in editor']],
      [['warning'], ['/c/a/#次の節', `${shown('c/a.md')}:11:1`], [`vscode://file${abs('c/a.md')}:11:1`, 'open in editor']],
    ])
    expect(toString(selectAll('li', a)[0]!)).toBe(`${shown('c/a.md')}:7:4 warning broken link "./nope.md" (/c/nope.md): no page or file at that address broken-link kogi open in editor`)
    // Above the first heading: the page itself.
    expect(selectAll('li', b).map((li) => links(li))).toEqual([
      [
        ['/c/b/', `${shown('c/b.md')}:5:1`],
        [`vscode://file${abs('c/b.md')}:5:1`, 'open in editor'],
      ],
    ])
  })

  it('shows a banner linking to the problems on a page that has some, and none on one that has none', async () => {
    const banner = select('aside#kogi-dev-problems', fromHtml((await get(dev.url + 'c/a/')).body))
    expect(links(banner ?? undefined)).toEqual([[`/_kogi/problems#${shown('c/a.md')}`, 'kogi: 2 problems on this page']])
    expect(links(select('aside#kogi-dev-problems', fromHtml((await get(dev.url + 'c/b/')).body)) ?? undefined)).toEqual([[`/_kogi/problems#${shown('c/b.md')}`, 'kogi: 1 problem on this page']])
    expect(select('aside#kogi-dev-problems', fromHtml((await get(dev.url + 'c/ok/')).body))).toBeUndefined()
  })

  it('answers the problems page only to its own Host names', async () => {
    const port = Number(new URL(dev.url).port)
    expect((await ask(port, '/_kogi/problems', { host: `rebound.example:${port}` })).status).toBe(403)
  })

  it('prints every problem after the first build, then per save only the new and the fixed ones', async () => {
    expect(logged[0]).toBe([brokenLink('c/a.md', '7:4', 'nope'), missingImage('11:1'), `${shown('c/b.md')}:5:1  warning  link "./b.md#nowhere" points to no element: /c/b/ has no id "nowhere"  missing-fragment kogi`].join('\n'))
    // A line added above moves the image's warning without making it new.
    const changed = await save('c/a.md', A.replace('本文 [x](./nope.md)', '一行足した\n\n本文 [x](./gone.md)'))
    expect(changed[0]).toBe(['kogi: 1 new, 1 fixed', `  new    ${brokenLink('c/a.md', '9:4', 'gone')}`, `  fixed  ${brokenLink('c/a.md', '7:4', 'nope')}`].join('\n'))
    expect(changed.slice(1)).toEqual([expect.stringMatching(/^kogi: 1 page, 2 warnings, 0 errors in \d+\.\d\ds$/)])
    // Nothing changed in the problems: only the summary.
    expect(await save('c/a.md', A.replace('本文 [x](./nope.md)', '書き換えた\n\n本文 [x](./gone.md)'))).toEqual([expect.stringMatching(/^kogi: 1 page, 2 warnings, 0 errors in /)])
    const fixed = await save('c/a.md', '---\ntitle: A\n---\n\n## 最初の節\n\n直した\n')
    expect(fixed[0]).toBe(['kogi: 0 new, 2 fixed', `  fixed  ${brokenLink('c/a.md', '9:4', 'gone')}`, `  fixed  ${missingImage('13:1')}`].join('\n'))
    const page = fromHtml((await get(dev.url + '_kogi/problems')).body)
    expect(toString(select('h1', page)!)).toBe('kogi: 1 problem in 1 file')
    expect(select('aside#kogi-dev-problems', fromHtml((await get(dev.url + 'c/a/')).body))).toBeUndefined()
  })
})

describe('problem changes', () => {
  /** A page with the same warning at each of the lines. */
  const page = (lines: number[]) => {
    const file = new VFile({ path: 'content/c/a.md' })
    for (const line of lines) file.message('missing image "x.png"', { place: { line, column: 1 }, ruleId: 'missing-asset', source: 'kogi' })
    return file
  }
  const line = (kind: string, at: number) => `  ${kind}content/c/a.md:${at}:1  warning  missing image "x.png"  missing-asset kogi`

  it('counts a repeated problem by how many times it is there, wherever lines moved it', () => {
    const problems = new ProblemSet()
    expect(formatChanges(problems.replaceAll([page([3, 9])]))).toBe(['kogi: 2 new, 0 fixed', line('new    ', 3), line('new    ', 9)].join('\n'))
    expect(formatChanges(problems.replace([page([4, 10, 12])]))).toBe(['kogi: 1 new, 0 fixed', line('new    ', 12)].join('\n'))
    expect(formatChanges(problems.replace([page([4])]))).toBe(['kogi: 0 new, 2 fixed', line('fixed  ', 10), line('fixed  ', 12)].join('\n'))
    expect(formatChanges(problems.replaceAll([page([4])]))).toBe(undefined)
    expect(formatChanges(problems.replaceAll([]))).toBe(['kogi: 0 new, 1 fixed', line('fixed  ', 4)].join('\n'))
  })
})

describe('kogi dev and the config’s rule levels', () => {
  it('does not show a rule the config turns off, on the first build or after a save', async () => {
    const p = tempProject({ 'c/a.md': A })
    fs.writeFileSync(path.join(p.dir, 'kogi.config.json'), JSON.stringify({ rules: { 'missing-asset': 'off' } }))
    fs.cpSync(path.join(projectRoot, 'templates'), path.join(p.dir, 'templates'), { recursive: true })
    fs.cpSync(path.join(projectRoot, 'assets'), path.join(p.dir, 'assets'), { recursive: true })
    const seen: string[] = []
    const own = new Rebuilds()
    const server = await startDev({ root: p.dir, contentDir: p.content, port: 0, log: (t) => seen.push(t), onRebuilt: own.hook })
    try {
      const at = (rel: string) => path.relative(process.cwd(), path.join(p.content, rel))
      const link = (line: string, to: string) => `${at('c/a.md')}:${line}  warning  broken link "./${to}.md" (/c/${to}.md): no page or file at that address  broken-link kogi`
      expect(seen[0]).toBe(link('7:4', 'nope'))
      const from = own.all.length
      const before = seen.length
      fs.writeFileSync(path.join(p.content, 'c/a.md'), A.replace('(./nope.md)', '(./gone.md)') + '\n![](also-missing.png)\n')
      await own.of(from, path.join(p.content, 'c/a.md'))
      expect(seen.slice(before)[0]).toBe(['kogi: 1 new, 1 fixed', `  new    ${link('7:4', 'gone')}`, `  fixed  ${link('7:4', 'nope')}`].join('\n'))
    } finally {
      await server.close()
    }
  })
})
