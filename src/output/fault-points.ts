/**
 * Faults a test can ask a build for, at exact points, so that what a crash or a full disk leaves
 * behind is checked at every step and not at whatever moment a timer happens to fire.
 *
 * - `KOGI_TEST_KILL_AT=<point>` (or `<point>:<n>`, the n-th time it is reached): the process
 *   kills itself with SIGKILL there, as `kill -9` or a power cut would: no handler runs.
 * - `KOGI_TEST_DISK_FULL_AFTER=<n>`: after n files of a site, each next file goes to `/dev/full`,
 *   which fails with ENOSPC as a full disk does.
 *
 * Neither is set outside tests; unset, each point costs a comparison.
 */
import fs from 'node:fs'

const hits = new Map<string, number>()

/**
 * Die here when the environment asks for it.
 *
 * @param point The point's name: `write` (after each file of the site), `aside` (after the old
 *   site was moved aside), `swapped` (after the new site took its place), `discarding` (while the
 *   old site is being deleted).
 */
export function killPoint(point: string): void {
  const wanted = process.env.KOGI_TEST_KILL_AT
  if (!wanted || !wanted.startsWith(point)) return
  const count = (hits.get(point) ?? 0) + 1
  hits.set(point, count)
  if (wanted !== point && wanted !== `${point}:${count}`) return
  process.kill(process.pid, 'SIGKILL')
  // SIGKILL to oneself is delivered before the call returns; this only makes sure nothing else runs.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
}

/**
 * Whether the environment fills the disk before the next file of a site.
 *
 * @param written Files of this site written so far.
 */
export function diskIsFull(written: number): boolean {
  const after = process.env.KOGI_TEST_DISK_FULL_AFTER
  return after !== undefined && written >= Number(after)
}

/** Write a file's bytes to `/dev/full`, which fails as a full disk does (ENOSPC). */
export function writeToFullDisk(data: Buffer | string): void {
  // Nothing is written, and so nothing fails, for an empty file: send at least one byte.
  fs.writeFileSync('/dev/full', data.length > 0 ? data : ' ')
}
