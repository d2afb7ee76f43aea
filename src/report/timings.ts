/**
 * Stage timings of a build: wall time from one mark to the next, for `--verbose` and the
 * benchmark, so a slow build says which stage to look at.
 */

/** Records the time each stage of a build took. */
export class Timings {
  private last = performance.now()
  /** Stage name → milliseconds, in the order the stages ran. */
  readonly stages = new Map<string, number>()

  /** Close the stage that ran since the previous mark (or since creation) under `name`. */
  mark(name: string): void {
    const now = performance.now()
    this.stages.set(name, (this.stages.get(name) ?? 0) + now - this.last)
    this.last = now
  }

  /** One line: `read 0.02s · render 1.40s · …`. */
  format(): string {
    return [...this.stages].map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)}s`).join(' · ')
  }
}
