/**
 * Changes gathered into rebuilds: one rebuild at a time, each for every change seen until it
 * starts. A single save waits {@link SETTLE_MS} of quiet, so the events of one save (an editor
 * writes, renames, touches) make one rebuild and the page reloads at once; once a second path
 * changes, the changes are a burst (a `git checkout`, a search-and-replace over the lectures) and
 * wait {@link BURST_MS} of quiet, so the whole burst makes one rebuild.
 */

/** Quiet after the last event of a single save before it is built. */
export const SETTLE_MS = 20

/** Quiet after the last event of a burst (more than one path) before it is built. */
export const BURST_MS = 100

/** Runs rebuilds for the changed paths it is given, one at a time. */
export class RebuildQueue {
  private pending = new Set<string>()
  private timer: NodeJS.Timeout | undefined
  /** Resolves when the quiet being waited for ends; undefined when none is. */
  private quiet: { done: Promise<void>; end: () => void } | undefined
  private due = false
  private running: Promise<void>

  /**
   * @param rebuild Builds for the changed paths (sorted); called again only after it resolves.
   *   It reports its own failures: it must not reject.
   * @param first A rebuild already running (the first build), which later ones wait for.
   */
  constructor(
    private readonly rebuild: (paths: readonly string[]) => Promise<void>,
    first: Promise<unknown> = Promise.resolve(),
  ) {
    this.running = first.then(() => undefined)
  }

  /**
   * Note a changed path; the rebuild follows the quiet after it.
   *
   * @param path The changed file or folder.
   */
  add(path: string): void {
    this.pending.add(path)
    if (!this.quiet) {
      let end!: () => void
      const done = new Promise<void>((resolve) => (end = resolve))
      this.quiet = { done, end }
    }
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.start(), this.pending.size > 1 ? BURST_MS : SETTLE_MS)
  }

  private start(): void {
    this.timer = undefined
    const quiet = this.quiet
    this.quiet = undefined
    // Unless a rebuild is already queued behind the running one: that one takes these paths too.
    if (!this.due) {
      this.due = true
      this.running = this.running.then(async () => {
        this.due = false
        const paths = [...this.pending].sort()
        this.pending.clear()
        if (paths.length > 0) await this.rebuild(paths)
      })
    }
    quiet?.end()
  }

  /** Resolves once no rebuild is running, queued or waiting for quiet. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.quiet) {
        await this.quiet.done
        continue
      }
      const running = this.running
      await running
      if (running === this.running && !this.quiet) return
    }
  }

  /** Drop what is waiting for quiet and resolve once the running rebuild is done. */
  async close(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    this.pending.clear()
    this.quiet?.end()
    this.quiet = undefined
    await this.running
  }
}
