/**
 * A pool of worker threads that render pages, one per core.
 *
 * Page rendering is pure per page and CPU-bound (parsing markdown, KaTeX), so pages are spread
 * over threads. Each worker loads the page pipeline once and keeps its own KaTeX render cache.
 * A page a worker cannot take or return (data that cannot be cloned) is rendered by the caller.
 *
 * Threads are also what stops a page that runs away: a page still rendering when its time is up,
 * or one that fills its thread's memory, loses its thread and fails alone ({@link PageStopped});
 * a fresh thread takes the pages still waiting.
 *
 * A thread left idle at the end of a build is kept for the next build of the same process
 * (src/speed/idle-threads.ts).
 */
import os from 'node:os'
import type { Worker } from 'node:worker_threads'
import { startThread } from './thread.js'
import { keepIdle, takeIdle } from './idle-threads.js'
import type { VFile } from 'vfile'
import type { RenderedPage } from './rendered.js'
import type { WorkerInit, WorkerJob, WorkerReply } from './worker.js'

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

/** How long one page may render and how much memory its thread may use. */
export interface PageBudget {
  /** Wall-clock time from the page reaching a ready thread to its result. */
  readonly ms: number
  /** The thread's old generation: past it V8 stops the thread instead of the whole process. */
  readonly memoryMb: number
}

/** A page that lost its thread: what the page's fatal message says, and its rule. */
export class PageStopped extends Error {
  /**
   * @param reason The message for the page, such as "rendering took longer than 30 s; stopped".
   * @param ruleId `page-budget` for time and memory, `crash` for a thread that died otherwise.
   */
  constructor(
    reason: string,
    readonly ruleId: string,
  ) {
    super(reason)
    this.name = 'PageStopped'
  }
}

interface Slot {
  readonly worker: Worker
  /** The thread has loaded the page pipeline; pages sent before would spend their time loading it. */
  ready: boolean
  task: Task | undefined
  timer: NodeJS.Timeout | undefined
  gone: boolean
  /** Remove this pool's listeners from the thread. */
  readonly detach: () => void
}

interface Task {
  readonly job: WorkerJob
  readonly resolve: (r: RenderedPage) => void
  readonly reject: (e: Error) => void
}

/** A set of worker threads rendering pages; each takes the next page when it is done with one. */
export class WorkerPool {
  private readonly slots: Slot[] = []
  private readonly queue: Task[] = []
  private readonly stopping: Promise<number>[] = []
  private nextId = 0
  /** Cleared when a thread dies before it is ready: threads cannot start here, the caller renders. */
  private canStart = true
  private closed = false

  /**
   * @param size Number of threads.
   * @param init The config and the sources of the site model.
   * @param budget How long a page may take and how much memory its thread may use.
   */
  constructor(
    private readonly size: number,
    private readonly init: WorkerInit,
    private readonly budget: PageBudget,
  ) {
    for (let i = 0; i < size; i++) this.start()
  }

  private start(): void {
    const kept = takeIdle(this.budget.memoryMb)
    const worker =
      kept ??
      startThread(new URL('./worker.js', import.meta.url), {
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: this.budget.memoryMb },
      })
    const onMessage = (m: WorkerReply) => this.receive(slot, m)
    const onError = (error: Error & { code?: string }) => this.lost(slot, error)
    const onExit = (code: number) => this.lost(slot, new Error(`it exited with code ${code}`))
    const detach = () => worker.off('message', onMessage).off('error', onError).off('exit', onExit)
    const slot: Slot = { worker, ready: kept !== undefined, task: undefined, timer: undefined, gone: false, detach }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit)
    // Taken before any page: messages reach a thread in the order they were sent.
    worker.postMessage({ init: this.init })
    this.slots.push(slot)
  }

  private receive(slot: Slot, m: WorkerReply): void {
    if ('ready' in m) slot.ready = true
    else {
      const task = slot.task
      clearTimeout(slot.timer)
      slot.task = undefined
      if ('result' in m) task?.resolve(m.result)
      else task?.reject(new Error(m.error))
    }
    this.pump()
  }

  /** A thread died: out of memory, or otherwise. Its page fails; the others go on. */
  private lost(slot: Slot, error: Error & { code?: string }): void {
    if (slot.gone || this.closed) return
    if (!slot.ready) this.canStart = false
    const stopped =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new PageStopped(`rendering needed more than ${this.budget.memoryMb} MB of memory; stopped`, 'page-budget')
        : new PageStopped(`page could not be rendered: the thread rendering it stopped (${error.message})`, 'crash')
    this.drop(slot, stopped)
  }

  /** A page's time is up: its thread is stopped mid-page, whatever it is doing. */
  private overrun(slot: Slot): void {
    this.drop(slot, new PageStopped(`rendering took longer than ${this.budget.ms / 1000} s; stopped`, 'page-budget'))
    this.stopping.push(slot.worker.terminate())
  }

  private drop(slot: Slot, failure: PageStopped): void {
    slot.gone = true
    clearTimeout(slot.timer)
    this.slots.splice(this.slots.indexOf(slot), 1)
    slot.task?.reject(failure)
    slot.task = undefined
    this.pump()
  }

  private pump(): void {
    if (this.closed) return
    // A lost thread is replaced while pages wait for one.
    while (this.canStart && this.queue.length > 0 && this.slots.length < this.size) this.start()
    if (this.slots.length === 0) {
      for (const task of this.queue.splice(0)) task.reject(new Error('no rendering thread could start'))
      return
    }
    for (const slot of this.slots) {
      if (!slot.ready || slot.task || this.queue.length === 0) continue
      const task = this.queue.shift()!
      try {
        slot.worker.postMessage(task.job)
      } catch (error) {
        task.reject(error as Error)
        continue
      }
      slot.task = task
      slot.timer = setTimeout(() => this.overrun(slot), this.budget.ms)
    }
  }

  /**
   * Render a page on the next free thread.
   *
   * @param url The page's URL in the site model.
   * @param file The page, comments removed; it is not changed here.
   * @returns The page's result; rejects with {@link PageStopped} when the page lost its thread,
   *   with another error when the page could not be handed over or no thread could start.
   */
  render(url: string, file: VFile): Promise<RenderedPage> {
    const job: WorkerJob = { id: this.nextId++, url, path: file.path, value: String(file.value), data: file.data }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject })
      this.pump()
    })
  }

  /** Stop every thread, but keep those ready and idle for the next pool; wait for those stopped for overrunning. */
  async close(): Promise<void> {
    this.closed = true
    const ending = [...this.stopping]
    for (const slot of this.slots) {
      clearTimeout(slot.timer)
      if (slot.ready && !slot.task) {
        slot.detach()
        keepIdle(slot.worker, this.budget.memoryMb)
      } else ending.push(slot.worker.terminate())
    }
    await Promise.all(ending)
  }
}
