/**
 * The search index of the dev site, built and written on a thread of its own: indexing every
 * page and writing its thousands of small files takes seconds on a large site, and in the
 * server's thread it would hold up the very requests of the page that was just told to reload.
 * The thread keeps every page's content, so a save sends it only the pages that changed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { isMainThread, parentPort, type Worker } from 'node:worker_threads'
import { startThread } from '../speed/thread.js'
import { searchFiles, SEARCH_DIR, type SearchPage } from '../site/search.js'
import { writeServed } from './write-file.js'

type Message = { type: 'site'; outDir: string; pages: SearchPage[] } | { type: 'update'; id: number; pages: SearchPage[] }

/** Write a search index into the served site and remove the folders of the previous one. */
function writeIndex(outDir: string, pages: readonly SearchPage[]): void {
  const files = searchFiles(pages).files
  const keep = new Set<string>()
  for (const f of files) {
    keep.add(f.rel.slice(SEARCH_DIR.length + 1).split('/')[0]!)
    // The manifest last: it names the new folders, which must exist before a page reads it.
    if (!f.rel.endsWith('/index.json')) writeServed(outDir, f.rel, f.data)
  }
  const manifest = files.find((f) => f.rel === `${SEARCH_DIR}/index.json`)
  if (manifest) writeServed(outDir, manifest.rel, manifest.data)
  const dir = path.join(outDir, SEARCH_DIR)
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) if (!keep.has(name)) fs.rmSync(path.join(dir, name), { recursive: true, force: true })
}

if (!isMainThread && parentPort) {
  const port = parentPort
  let outDir = ''
  // Every page in site order; an update replaces pages in place, so the order stays the full build's.
  let pages = new Map<string, SearchPage>()
  let due: number | undefined
  port.on('message', (m: Message) => {
    if (m.type === 'site') {
      outDir = m.outDir
      pages = new Map(m.pages.map((p) => [p.url, p]))
      return
    }
    for (const p of m.pages) pages.set(p.url, p)
    // Saves that arrive while an index is built are folded into the next one.
    if (due === undefined)
      setImmediate(() => {
        const id = due!
        due = undefined
        try {
          // A thread started anew has no site: the next full build writes the index.
          if (outDir) writeIndex(outDir, [...pages.values()])
          port.postMessage({ id })
        } catch (error) {
          port.postMessage({ id, error: (error as Error).message })
        }
      })
    due = m.id
  })
}

/** A thread that keeps the dev site's search index up to date. */
export class SearchWorker {
  private worker: Worker | undefined
  private nextId = 0
  private last: Promise<void> = Promise.resolve()
  private readonly waiting = new Map<number, () => void>()

  private start(): Worker {
    const worker = startThread(new URL('./search-worker.js', import.meta.url))
    worker.unref()
    // An index reported done settles every save folded into it.
    worker.on('message', ({ id }: { id: number }) => {
      for (const [k, resolve] of this.waiting) if (k <= id) (this.waiting.delete(k), resolve())
    })
    const fail = () => {
      this.worker = undefined
      for (const resolve of this.waiting.values()) resolve()
      this.waiting.clear()
    }
    worker.on('error', fail)
    worker.on('exit', fail)
    return worker
  }

  /**
   * Give the thread a site's pages (after a full build, which wrote their index).
   *
   * @param outDir The served site folder.
   * @param pages Every page with its content HTML, in site order.
   */
  load(outDir: string, pages: readonly SearchPage[]): void {
    ;(this.worker ??= this.start()).postMessage({ type: 'site', outDir, pages })
  }

  /**
   * Index the site again with these pages changed, and write the index.
   *
   * @param pages The pages whose content or title changed.
   * @returns Resolves when the index holding them is written.
   */
  update(pages: readonly SearchPage[]): Promise<void> {
    const id = this.nextId++
    const done = new Promise<void>((resolve) => this.waiting.set(id, resolve))
    ;(this.worker ??= this.start()).postMessage({ type: 'update', id, pages })
    return (this.last = done)
  }

  /** Resolves when every index asked for is written. */
  idle(): Promise<void> {
    return this.last
  }

  /** Stop the thread. */
  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    await worker?.terminate()
  }
}
