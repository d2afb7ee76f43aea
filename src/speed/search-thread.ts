/**
 * The search index of a build, made on a thread of its own while the main thread lays out,
 * copies and checks the pages: indexing every page's sections is the build's longest stage after
 * rendering (a second on the corpus), and until now one core sat idle during it.
 *
 * The thread runs {@link cachedSearchFiles} (the index cache included) and sends back the files
 * to write. Should the thread fail to start or die, the index is made in this thread instead.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { cachedSearchFiles } from './search-cache.js'
import type { SearchPage } from '../site/search.js'
import { startThread } from './thread.js'

interface Job {
  readonly kogiSearch: true
  readonly pages: readonly SearchPage[]
  readonly cacheDir: string | undefined
}

type Result = ReturnType<typeof cachedSearchFiles>

if (!isMainThread && parentPort && (workerData as Job | undefined)?.kogiSearch) {
  const { pages, cacheDir } = workerData as Job
  parentPort.postMessage(cachedSearchFiles(pages, cacheDir))
}

/**
 * Start making the search index of these pages on a thread.
 *
 * @param pages Every page with its sections, in site order.
 * @param cacheDir The cache folder; none when undefined.
 * @returns The index files, once made.
 */
export function searchFilesOnThread(pages: readonly SearchPage[], cacheDir: string | undefined): Promise<Result> {
  const here = () => cachedSearchFiles(pages, cacheDir)
  let worker
  try {
    const job: Job = { kogiSearch: true, pages, cacheDir }
    worker = startThread(new URL('./search-thread.js', import.meta.url), { workerData: job })
  } catch {
    return Promise.resolve(here())
  }
  return new Promise<Result>((resolve) => {
    let settled = false
    worker.once('message', (result: Result) => {
      settled = true
      resolve(result)
      void worker.terminate()
    })
    const fallBack = () => {
      if (!settled) (settled = true), resolve(here())
    }
    worker.once('error', fallBack)
    worker.once('exit', fallBack)
  })
}
