/**
 * The dev server's builds as its `onRebuilt` hook reports them, for tests to wait on a rebuild
 * of a change instead of sleeping.
 */
import type { Rebuilt } from '../../src/dev/dev.js'

/** Every build reported, in order, and waiting for the next ones. */
export class Rebuilds {
  readonly all: Rebuilt[] = []
  private readonly waiting: { test: (r: Rebuilt) => boolean; resolve: (r: Rebuilt) => void }[] = []

  /** The hook to give the dev server. */
  readonly hook = (rebuild: Rebuilt): void => {
    this.all.push(rebuild)
    for (const w of [...this.waiting]) {
      if (!w.test(rebuild)) continue
      this.waiting.splice(this.waiting.indexOf(w), 1)
      w.resolve(rebuild)
    }
  }

  /**
   * Resolves with the first build, counting from the `from`-th, that built a change of one of the
   * paths.
   *
   * @param from How many builds there were before the change.
   * @param paths Absolute paths, one of which the build must have seen change.
   */
  of(from: number, ...paths: string[]): Promise<Rebuilt> {
    const test = (r: Rebuilt) => r.paths.some((p) => paths.includes(p))
    const done = this.all.slice(from).find(test)
    if (done) return Promise.resolve(done)
    return new Promise((resolve) => this.waiting.push({ test, resolve }))
  }
}
