/**
 * The dev server checks notebook links on each save as a build does: a lecture saved with a
 * Colab or relative link to a notebook that is not there shows the new warnings, and fixing the
 * link shows them fixed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev, type DevServer } from '../src/dev/dev.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'
import { Rebuilds } from './helpers/rebuilds.js'

const COLAB = 'https://colab.research.google.com/github/o/n/blob/main'
const A = `---\ntitle: A\n---\n\n[演習](${COLAB}/c/nb/lab.ipynb) と [相対](nb/lab.ipynb)\n`

let dev: DevServer
let content: string
const logged: string[] = []
const rebuilds = new Rebuilds()

beforeAll(async () => {
  const p = tempProject({ 'c/a.md': A, 'c/nb/lab.ipynb': '{}' })
  content = p.content
  fs.writeFileSync(path.join(p.dir, 'kogi.config.json'), JSON.stringify({ repository: 'o/n' }))
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(p.dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(p.dir, 'assets'), { recursive: true })
  dev = await startDev({ root: p.dir, contentDir: content, port: 0, log: (t) => logged.push(t), onRebuilt: rebuilds.hook })
})

afterAll(async () => {
  await dev?.close()
})

/** Save a lecture and resolve with what the server logged for the rebuild of it. */
async function save(rel: string, text: string): Promise<string[]> {
  const from = rebuilds.all.length
  const before = logged.length
  fs.writeFileSync(path.join(content, rel), text)
  await rebuilds.of(from, path.join(content, rel))
  return logged.slice(before)
}

describe('kogi dev and notebook links', () => {
  it('reports a link to a missing notebook on the save that makes it, and its fix on the next', async () => {
    const shown = path.relative(process.cwd(), path.join(content, 'c/a.md'))
    const folder = path.relative(process.cwd(), content)
    const colab = `${shown}:5:1  warning  Colab link to a missing notebook: o/n has no "c/nb/lab2.ipynb"; did you mean "c/nb/lab.ipynb"?  missing-notebook kogi`
    const relative = `${shown}:5:80  warning  link to a missing notebook "nb/lab2.ipynb" (/c/nb/lab2.ipynb): put it at ${folder}/c/nb/lab2.ipynb; did you mean "/c/nb/lab.ipynb"?  missing-notebook kogi`
    expect(logged.filter((l) => l.includes('missing-notebook'))).toEqual([])
    expect(await save('c/a.md', A.replaceAll('lab.ipynb', 'lab2.ipynb'))).toContain(['kogi: 2 new, 0 fixed', `  new    ${colab}`, `  new    ${relative}`].join('\n'))
    expect(await save('c/a.md', A)).toContain(['kogi: 0 new, 2 fixed', `  fixed  ${colab}`, `  fixed  ${relative}`].join('\n'))
  })
})
