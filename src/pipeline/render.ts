/**
 * Render stage: run the page stage for every page, taking what it can from the page cache and
 * spreading the rest over worker threads, and put each result back on its page's VFile as if
 * the page had been rendered here, in site order.
 */
import type { VFile } from 'vfile'
import type { Config } from '../config.js'
import type { Matter } from './frontmatter.js'
import type { PageEntry, SiteModel } from './model.js'
import type { PageCache } from './cache.js'
import { applyRendered, crashed, renderCaptured, type RenderedPage } from './rendered.js'
import { WorkerPool } from './workers.js'

/** Below this many pages to render, starting threads costs more than it saves. */
const MIN_PAGES_FOR_WORKERS = 12

/** How the render stage runs. */
export interface RenderOptions {
  readonly config: Config
  readonly model: SiteModel
  /** The sources the model was built from, for worker threads to rebuild it. */
  readonly sources: readonly { rel: string; matter: Matter }[]
  /** Where results of earlier builds are kept; none when undefined. */
  readonly cache?: PageCache | undefined
  /** Worker threads; 0 or 1 renders in this thread. */
  readonly workers: number
  /** Called after each page, with pages done and the total. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
}

/** What the render stage did, for the summary and the benchmark. */
export interface RenderStats {
  readonly rendered: number
  readonly cached: number
}

/**
 * Render pages.
 *
 * @param jobs Each page with its VFile (front matter read, comments removed).
 * @param options Config, site model, cache and threads.
 * @returns Each page's content HTML in the order of `jobs`; undefined where the page crashed.
 */
export async function renderPages(jobs: readonly { page: PageEntry; file: VFile }[], options: RenderOptions): Promise<{ contents: (string | undefined)[]; stats: RenderStats }> {
  const { cache } = options
  const results: (RenderedPage | undefined)[] = new Array(jobs.length)
  const keys = jobs.map((j) => cache?.keyOf(j.page, j.file))
  let done = 0
  const tick = () => options.onProgress?.(++done, jobs.length)
  const misses: number[] = []
  jobs.forEach((_, i) => {
    const hit = keys[i] === undefined ? undefined : cache!.get(keys[i]!)
    if (hit) {
      results[i] = hit
      tick()
    } else misses.push(i)
  })

  const renderHere = async (i: number) => {
    const { file, page } = jobs[i]!
    const before = file.messages.length
    const result = await renderCaptured(file, { config: options.config, page, resolvePage: options.model.resolvePage })
    // renderCaptured left its messages on the file too; applyRendered puts them back once, below.
    file.messages.length = before
    return result
  }
  const finish = (i: number, result: RenderedPage) => {
    results[i] = result
    if (keys[i] !== undefined && !crashed(result)) cache!.set(keys[i]!, result)
    tick()
  }
  if (options.workers > 1 && misses.length >= MIN_PAGES_FOR_WORKERS) {
    const pool = new WorkerPool(Math.min(options.workers, misses.length), { config: options.config, sources: options.sources })
    try {
      // Longest pages first, so no thread is left with a long one at the end.
      const order = [...misses].sort((a, b) => String(jobs[b]!.file.value).length - String(jobs[a]!.file.value).length)
      await Promise.all(
        order.map(async (i) => {
          let result: RenderedPage
          try {
            result = await pool.render(jobs[i]!.page.url, jobs[i]!.file)
          } catch {
            result = await renderHere(i)
          }
          finish(i, result)
        }),
      )
    } finally {
      await pool.close()
    }
  } else {
    for (const i of misses) finish(i, await renderHere(i))
  }

  cache?.prune()
  const contents = jobs.map((j, i) => {
    const result = results[i]!
    const content = applyRendered(j.file, result)
    return crashed(result) ? undefined : content
  })
  return { contents, stats: { rendered: misses.length, cached: jobs.length - misses.length } }
}
