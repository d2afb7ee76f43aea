/**
 * The body of a page-rendering worker thread: it loads the page pipeline, rebuilds the site
 * model from the sources of each build it serves (so link resolution works as in the main
 * thread), then renders that build's pages on request.
 */
import { parentPort } from 'node:worker_threads'
import { VFile, type Data } from 'vfile'
import type { Config } from '../config.js'
import type { Matter } from '../stages/frontmatter.js'
import { buildModel, type PageEntry, type SiteModel } from '../stages/model.js'
import { renderCaptured, type RenderedPage } from './rendered.js'
import { FormulaCache } from '../math/katex-cache.js'

/** What a worker is told before a build's pages: the site they belong to. */
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

/** What a worker sends back: once that it is ready, then one reply per page. */
export type WorkerReply = { readonly ready: true } | { readonly id: number; readonly result: RenderedPage } | { readonly id: number; readonly error: string }

if (parentPort) {
  const port = parentPort
  // Loaded before the thread says it is ready, so a page's time budget is spent on that page alone.
  const { LectureRenderer } = await import('../formats/lecture.js')
  // Typeset formulas, kept for the thread's life: a kept thread serves the next build with them.
  const formulas = new FormulaCache()
  let renderer: InstanceType<typeof LectureRenderer> | undefined
  let init: WorkerInit | undefined
  let model: SiteModel | undefined
  let byUrl = new Map<string, PageEntry>()
  const reply = (m: WorkerReply) => port.postMessage(m)
  port.on('message', (m: { init: WorkerInit } | WorkerJob) => {
    // A thread serves one build at a time, and may serve several builds of one process in turn.
    if ('init' in m) {
      init = m.init
      model = buildModel(init.sources).model
      byUrl = new Map(model.pages.map((p) => [p.url, p]))
      renderer = new LectureRenderer(init.config, model.resolvePage, formulas)
      return
    }
    const job = m
    const page = byUrl.get(job.url)
    if (!init || !model || !page) {
      reply({ id: job.id, error: `no page at ${job.url} in the worker's site model` })
      return
    }
    const file = new VFile({ path: job.path, value: job.value })
    Object.assign(file.data, job.data)
    renderCaptured(file, { config: init.config, page, resolvePage: model.resolvePage, renderer }).then(
      (result) => {
        try {
          reply({ id: job.id, result })
        } catch (error) {
          reply({ id: job.id, error: `page data cannot leave the worker: ${(error as Error).message}` })
        }
      },
      (error: unknown) => reply({ id: job.id, error: String((error as Error).stack ?? error) }),
    )
  })
  reply({ ready: true })
}
