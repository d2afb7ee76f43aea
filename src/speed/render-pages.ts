/**
 * Render stage: run the page stage for every page, taking what it can from the page cache and
 * spreading the rest over worker threads, and put each result back on its page's VFile as if
 * the page had been rendered here, in site order.
 *
 * Pages are rendered on at least one thread even when one would do: only a thread can be
 * stopped in the middle of a page, so only there does a page that runs too long or fills memory
 * fail alone, with a message, while the others are built.
 */
import type { VFile } from 'vfile'
import type { Config } from '../config.js'
import type { Matter } from '../stages/frontmatter.js'
import type { PageEntry, SiteModel } from '../stages/model.js'
import type { PageCache } from './cache.js'
import { applyRendered, crashed, lectureRenderer, renderCaptured, stoppedPage, type RenderedPage } from './rendered.js'
import type { LectureRenderer } from '../formats/lecture.js'
import { PageStopped, WorkerPool, type PageBudget } from './workers.js'

/** Below this many pages to render, starting more than one thread costs more than it saves. */
const MIN_PAGES_FOR_WORKERS = 12

/**
 * A page's budget unless told otherwise. 30 s is twenty times what the longest lecture of the
 * corpus took on a cold thread of a busy two-core machine, yet ends a runaway page within a
 * minute; 1 GB is twenty times the heap a thread had after rendering the longest lectures.
 */
export const DEFAULT_BUDGET: PageBudget = { ms: 30_000, memoryMb: 1024 }

/**
 * The page time budget set by the environment (`KOGI_PAGE_SECONDS`), for a machine slow enough
 * that a real lecture needs longer.
 *
 * @param env The environment to read.
 * @returns Milliseconds, or undefined when the variable is not set.
 */
export function budgetFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const text = env.KOGI_PAGE_SECONDS
  if (text === undefined || text === '') return undefined
  const seconds = Number(text)
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`KOGI_PAGE_SECONDS must be a number of seconds above 0, got ${JSON.stringify(text)}`)
  return seconds * 1000
}

/** How the render stage runs. */
export interface RenderOptions {
  readonly config: Config
  readonly model: SiteModel
  /** The sources the model was built from, for worker threads to rebuild it. */
  readonly sources: readonly { rel: string; matter: Matter }[]
  /** Where results of earlier builds are kept; none when undefined. */
  readonly cache?: PageCache | undefined
  /**
   * Worker threads; at least one is used whenever a page is rendered. 0 renders in this thread,
   * with no time or memory budget (a runaway page cannot be stopped there): for callers that must
   * observe the rendering itself, such as tests of the formula cache.
   */
  readonly workers: number
  /** Time and memory a page may use; default {@link DEFAULT_BUDGET}, its time from `KOGI_PAGE_SECONDS`. */
  readonly budget?: Partial<PageBudget> | undefined
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
 * @returns How many were rendered and taken from the cache; each page's content HTML is left in
 *   its record (`file.data.content`), except where the page crashed.
 */
export async function renderPages(jobs: readonly { page: PageEntry; file: VFile }[], options: RenderOptions): Promise<{ stats: RenderStats }> {
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

  // One processor for the pages rendered in this thread, made when the first one needs it.
  let renderer: Promise<LectureRenderer> | undefined
  const renderHere = async (i: number) => {
    const { file, page } = jobs[i]!
    const before = file.messages.length
    renderer ??= lectureRenderer(options.config, options.model.resolvePage)
    const result = await renderCaptured(file, { config: options.config, page, resolvePage: options.model.resolvePage, renderer: await renderer })
    // renderCaptured left its messages on the file too; applyRendered puts them back once, below.
    file.messages.length = before
    return result
  }
  const finish = (i: number, result: RenderedPage) => {
    results[i] = result
    if (keys[i] !== undefined && !crashed(result)) cache!.set(keys[i]!, result)
    tick()
  }
  if (misses.length > 0 && options.workers === 0) {
    for (const i of misses) finish(i, await renderHere(i))
  } else if (misses.length > 0) {
    const threads = misses.length >= MIN_PAGES_FOR_WORKERS ? Math.max(1, Math.min(options.workers, misses.length)) : 1
    const ms = budgetFromEnv()
    const budget = { ...DEFAULT_BUDGET, ...(ms !== undefined ? { ms } : {}), ...options.budget }
    const pool = new WorkerPool(threads, { config: options.config, sources: options.sources }, budget)
    try {
      // Longest pages first, so no thread is left with a long one at the end.
      const order = [...misses].sort((a, b) => String(jobs[b]!.file.value).length - String(jobs[a]!.file.value).length)
      await Promise.all(
        order.map(async (i) => {
          let result: RenderedPage
          try {
            result = await pool.render(jobs[i]!.page.url, jobs[i]!.file)
          } catch (error) {
            // A page that lost its thread fails alone; one the threads could not take is rendered here.
            result = error instanceof PageStopped ? stoppedPage(error.message, error.ruleId) : await renderHere(i)
          }
          finish(i, result)
        }),
      )
    } finally {
      await pool.close()
    }
  }

  cache?.prune()
  jobs.forEach((j, i) => {
    const result = results[i]!
    const content = applyRendered(j.file, result)
    if (!crashed(result)) j.file.data.content = content
  })
  return { stats: { rendered: misses.length, cached: jobs.length - misses.length } }
}
