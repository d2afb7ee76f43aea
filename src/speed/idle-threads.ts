/**
 * Page-rendering threads kept between builds of one process (the dev server's rebuilds, tests),
 * which would otherwise each start threads and load the page pipeline again. A kept thread is
 * unreferenced, so it never keeps the process alive, and is told each build's site anew
 * (src/speed/worker.ts).
 */
import os from 'node:os'
import type { Worker } from 'node:worker_threads'

/**
 * How long a thread waits for the next build before it is stopped: enough for builds that follow
 * one another (tests, a dev server's rebuild), short enough that a long-lived process does not
 * hold the threads' memory (their KaTeX caches) for nothing.
 */
const IDLE_MS = 30_000

/** A thread that served a build and waits for the next, unreferenced so it never keeps the process alive. */
interface Idle {
  readonly worker: Worker
  readonly memoryMb: number
  /** Drops it from the list should it die meanwhile. */
  readonly forget: () => void
  readonly expiry: NodeJS.Timeout
}

const idle: Idle[] = []

/**
 * Keep a ready thread with nothing to do for a later pool; beyond one per core it is stopped.
 *
 * @param worker A thread that has loaded the page pipeline, its pool's listeners removed.
 * @param memoryMb Its memory limit: only a pool with the same limit may take it.
 */
export function keepIdle(worker: Worker, memoryMb: number): void {
  if (idle.length >= os.availableParallelism()) {
    void worker.terminate()
    return
  }
  const forget = () => {
    if (idle.includes(entry)) idle.splice(idle.indexOf(entry), 1)
  }
  const expiry = setTimeout(() => {
    forget()
    void worker.terminate()
  }, IDLE_MS).unref()
  const entry: Idle = { worker, memoryMb, forget, expiry }
  worker.once('error', forget).once('exit', forget).unref()
  idle.push(entry)
}

/**
 * Take an idle thread for a new pool.
 *
 * @param memoryMb The memory limit the pool's threads must have.
 * @returns A ready thread, referenced again, or undefined when none is kept.
 */
export function takeIdle(memoryMb: number): Worker | undefined {
  const i = idle.findIndex((e) => e.memoryMb === memoryMb)
  if (i < 0) return undefined
  const { worker, forget, expiry } = idle.splice(i, 1)[0]!
  clearTimeout(expiry)
  // Only these two: Node's own listeners on a Worker keep its message port working.
  worker.off('error', forget).off('exit', forget).ref()
  return worker
}
