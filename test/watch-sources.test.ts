/**
 * The dev server's file watcher on a real file system: saves that replace the file (rename over
 * it, `sed -i`) are seen every time, also two in quick succession; a file moved in and out, and a
 * folder deleted and made again, are seen; kogi's output and cache folders, dot folders and
 * node_modules are not watched.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isUnwatched, watchSources, type SourceWatcher } from '../src/dev/watch.js'

let dir: string
let content: string
let watcher: SourceWatcher
const seen: string[] = []
const waiting: { path: string; resolve: () => void }[] = []

/** Resolves when the watcher reports `abs` (counting from now). */
function changeOf(abs: string): Promise<void> {
  return new Promise((resolve) => waiting.push({ path: abs, resolve }))
}

/** Run a file operation and wait until the watcher reports each of the paths. */
async function after(paths: string[], operation: () => void): Promise<void> {
  const reported = Promise.all(paths.map(changeOf))
  operation()
  await reported
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-watch-'))
  content = path.join(dir, 'content')
  for (const f of ['c/a.md', 'c/b.md', 'old/x.md', '.git/HEAD', 'node_modules/p/index.js', '_site/index.html', '.cache/kogi/dev/site/index.html']) {
    fs.mkdirSync(path.dirname(path.join(content, f)), { recursive: true })
    fs.writeFileSync(path.join(content, f), f)
  }
  watcher = await watchSources({
    paths: [content, path.join(dir, 'templates'), path.join(dir, 'kogi.config.json')],
    // The content folder as a repository root holding kogi's own output and cache.
    ignore: [path.join(content, '_site'), path.join(content, '.cache', 'kogi')],
    onChange: (abs) => {
      seen.push(abs)
      for (const w of waiting.filter((x) => x.path === abs)) {
        waiting.splice(waiting.indexOf(w), 1)
        w.resolve()
      }
    },
  })
})

afterAll(async () => {
  await watcher?.close()
})

describe('watchSources', () => {
  it('sees two replacing saves of a file in quick succession', async () => {
    const a = path.join(content, 'c/a.md')
    const renameSave = (text: string) => {
      fs.writeFileSync(a + '.tmp', text)
      fs.renameSync(a + '.tmp', a)
    }
    await after([a], () => renameSave('first'))
    // Within chokidar's 50 ms of the first: it drops this one, the second look finds it.
    await after([a], () => renameSave('second'))
    await after([a], () => renameSave('third'))
    expect(fs.readFileSync(a, 'utf8')).toBe('third')
  })

  it('sees every save made by sed -i', async () => {
    const b = path.join(content, 'c/b.md')
    for (const word of ['one', 'two', 'three']) {
      await after([b], () => execFileSync('sed', ['-i', `s/.*/${word}/`, b]))
      expect(fs.readFileSync(b, 'utf8').trimEnd()).toBe(word)
    }
  })

  it('sees a file moved in and out, and saves of it while inside', async () => {
    const outside = path.join(dir, 'moved.md')
    const inside = path.join(content, 'c/moved.md')
    fs.writeFileSync(outside, 'moved')
    await after([inside], () => fs.renameSync(outside, inside))
    await after([inside], () => fs.writeFileSync(inside, 'edited inside'))
    await after([inside], () => fs.renameSync(inside, outside))
    await after([inside], () => fs.renameSync(outside, inside))
    await after([inside], () => fs.writeFileSync(inside, 'edited again'))
  })

  it('sees a folder deleted and made again, and saves in the new one', async () => {
    const folder = path.join(content, 'old')
    const x = path.join(folder, 'x.md')
    await after([x], () => fs.rmSync(folder, { recursive: true }))
    const y = path.join(folder, 'y.md')
    await after([y], () => {
      fs.mkdirSync(folder)
      fs.writeFileSync(x, 'x again')
      fs.writeFileSync(y, 'y')
    })
    await after([y], () => fs.writeFileSync(y, 'y edited'))
    await after([x], () => fs.rmSync(x))
  })

  it('sees kogi.config.json and templates/ appear although they did not exist when it started', async () => {
    const config = path.join(dir, 'kogi.config.json')
    await after([config], () => fs.writeFileSync(config, '{}'))
    const layout = path.join(dir, 'templates', 'default.liquid')
    await after([layout], () => {
      fs.mkdirSync(path.dirname(layout))
      fs.writeFileSync(layout, 'layout')
    })
  })

  it('reports nothing from the output and cache folders, dot folders and node_modules', async () => {
    const from = seen.length
    const marker = path.join(content, 'c/marker.md')
    await after([marker], () => {
      for (const f of ['.git/HEAD', 'node_modules/p/index.js', '_site/index.html', '.cache/kogi/dev/site/index.html', '_site/new.html']) fs.writeFileSync(path.join(content, f), 'written')
      fs.writeFileSync(marker, 'marker')
    })
    // A second round trip, so anything reported for the writes above has come in.
    await after([marker], () => fs.writeFileSync(marker, 'marker again'))
    const unwatched = ['.git', 'node_modules', '_site', '.cache'].map((f) => path.join(content, f))
    expect(seen.slice(from).filter((p) => unwatched.some((u) => p === u || p.startsWith(u + path.sep)))).toEqual([])
    expect(seen.slice(from).filter((p) => p === marker)).toEqual([marker, marker])
  })

  it('tells which paths are left out', () => {
    const options = { paths: [content], ignore: [path.join(content, '_site')] }
    expect(isUnwatched(path.join(content, '_site'), options)).toBe(true)
    expect(isUnwatched(path.join(content, '_site/a/index.html'), options)).toBe(true)
    expect(isUnwatched(path.join(content, 'c/.a.md.swp'), options)).toBe(true)
    expect(isUnwatched(path.join(content, 'node_modules'), options)).toBe(true)
    expect(isUnwatched(path.join(content, 'c/a.md'), options)).toBe(false)
    expect(isUnwatched(content, options)).toBe(false)
    // The folder holding a watched path that does not exist yet is watched for it.
    expect(isUnwatched(dir, options)).toBe(false)
  })
})
