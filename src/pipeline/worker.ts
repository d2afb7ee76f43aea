/**
 * The body of a page-rendering worker thread: it rebuilds the site model from the sources it
 * was given (so link resolution works as in the main thread), then renders pages on request.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { VFile, type Data } from 'vfile'
import type { Config } from '../config.js'
import type { Matter } from './frontmatter.js'
import { buildModel, type PageEntry } from './model.js'
import { renderCaptured } from './rendered.js'

/** What a worker is started with. */
export interface WorkerInit {
  readonly config: Config
  /** The sources the main thread built its site model from. */
  readonly sources: readonly { rel: string; matter: Matter }[]
}

/** A page to render. */
export interface WorkerJob {
  readonly id: number
  readonly url: string
  readonly path: string
  readonly value: string
  readonly data: Data
}

if (parentPort) {
  const port = parentPort
  const init = workerData as WorkerInit
  const { model } = buildModel(init.sources)
  const byUrl = new Map<string, PageEntry>(model.pages.map((p) => [p.url, p]))
  port.on('message', (job: WorkerJob) => {
    const page = byUrl.get(job.url)
    if (!page) {
      port.postMessage({ id: job.id, error: `no page at ${job.url} in the worker's site model` })
      return
    }
    const file = new VFile({ path: job.path, value: job.value })
    Object.assign(file.data, job.data)
    renderCaptured(file, { config: init.config, page, resolvePage: model.resolvePage }).then(
      (result) => {
        try {
          port.postMessage({ id: job.id, result })
        } catch (error) {
          port.postMessage({ id: job.id, error: `page data cannot leave the worker: ${(error as Error).message}` })
        }
      },
      (error: unknown) => port.postMessage({ id: job.id, error: String((error as Error).stack ?? error) }),
    )
  })
}
