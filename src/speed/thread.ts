/**
 * Start a worker thread on one of kogi's modules, whether kogi runs compiled (bin/kogi.js, from
 * dist/) or from its TypeScript sources (tests, `tsx`): a `.ts` module is loaded in the thread
 * through tsx, as the launcher does in the main thread.
 *
 * @param entry The module's URL (`new URL('./x.js', import.meta.url)` from a module beside it).
 * @param options As for `new Worker`.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads'

export function startThread(entry: URL, options: WorkerOptions = {}): Worker {
  const source = import.meta.url.endsWith('.ts') ? new URL(entry.href.replace(/\.js$/, '.ts')) : entry
  if (!source.pathname.endsWith('.ts')) return new Worker(source, options)
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}) })`
  return new Worker(bootstrap, { ...options, eval: true })
}
