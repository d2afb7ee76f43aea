/**
 * A pool of worker threads that render pages, one per core.
 *
 * Page rendering is pure per page and CPU-bound (parsing markdown, KaTeX), so pages are spread
 * over threads. Each worker loads the page pipeline once and keeps its own KaTeX render cache.
 * A page a worker cannot take or return (data that cannot be cloned) is rendered by the caller.
 */
import os from 'node:os'
import type { Worker } from 'node:worker_threads'
import { startThread } from './thread.js'
import type { VFile } from 'vfile'
import type { RenderedPage } from './rendered.js'
import type { WorkerInit, WorkerJob } from './worker.js'

/** Threads to use by default: one per core the process may use. */
export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism())
}

/**
 * V8's young generation per worker, in MB. Markdown parsing allocates many short-lived objects;
 * with V8's default a third of parse time went to scavenges in profiles. 24 rather than more:
 * on the corpus, with two workers, cold builds peaked at 444–461 MB for the whole process at 24,
 * 471–495 MB at 48 and 515–520 MB at 96, with CPU times the same within the machine's noise.
 */
const YOUNG_GENERATION_MB = 24

function startWorker(init: WorkerInit): Worker {
  return startThread(new URL('./worker.js', import.meta.url), { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } })
}

interface Slot {
  readonly worker: Worker
  busy: Task | undefined
  dead: boolean
}

interface Task {
  readonly job: WorkerJob
  readonly resolve: (r: RenderedPage) => void
  readonly reject: (e: Error) => void
}

/** A set of worker threads rendering pages; each takes the next page when it is done with one. */
export class WorkerPool {
  private readonly workers: Slot[] = []
  private readonly queue: Task[] = []
  private nextId = 0

  /**
   * @param size Number of threads.
   * @param init The config and the sources of the site model.
   */
  constructor(size: number, init: WorkerInit) {
    for (let i = 0; i < size; i++) {
      const slot: Slot = { worker: startWorker(init), busy: undefined, dead: false }
      slot.worker.on('message', (m: { id: number; result?: RenderedPage; error?: string }) => {
        const task = slot.busy
        slot.busy = undefined
        if (m.result) task?.resolve(m.result)
        else task?.reject(new Error(m.error ?? 'worker failed'))
        this.pump()
      })
      // A thread that dies fails its page; the others go on, and when none is left the rest fail.
      const die = (error: Error) => {
        slot.dead = true
        slot.busy?.reject(error)
        slot.busy = undefined
        if (this.workers.every((w) => w.dead)) for (const task of this.queue.splice(0)) task.reject(error)
      }
      slot.worker.on('error', die)
      slot.worker.on('exit', (code) => die(new Error(`worker exited with code ${code}`)))
      this.workers.push(slot)
    }
  }

  private pump(): void {
    for (const slot of this.workers) {
      if (slot.busy || slot.dead || this.queue.length === 0) continue
      const task = this.queue.shift()!
      try {
        slot.worker.postMessage(task.job)
        slot.busy = task
      } catch (error) {
        task.reject(error as Error)
      }
    }
  }

  /**
   * Render a page on the next free thread.
   *
   * @param url The page's URL in the site model.
   * @param file The page, comments removed; it is not changed here.
   */
  render(url: string, file: VFile): Promise<RenderedPage> {
    const job: WorkerJob = { id: this.nextId++, url, path: file.path, value: String(file.value), data: file.data }
    return new Promise((resolve, reject) => {
      if (this.workers.every((w) => w.dead)) return reject(new Error('no worker left'))
      this.queue.push({ job, resolve, reject })
      this.pump()
    })
  }

  /** Stop every thread. */
  async close(): Promise<void> {
    for (const w of this.workers) w.dead = true
    await Promise.all(this.workers.map((w) => w.worker.terminate()))
  }
}
