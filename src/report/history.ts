/**
 * Problems new since the last build. Each build keeps the fingerprints of its problems in the
 * cache folder: rule, file and reason, not the line, so a paragraph added above a broken link
 * does not make it new. A reason that occurs more often in a file than last time is new that
 * many times, counted from the bottom of the file (text is more often added than moved).
 */
import crypto from 'node:crypto'
import path from 'node:path'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { readChecked, writeChecked } from '../speed/checksummed.js'
import { placedMessages, reasonOf, type Placed } from '../stages/report.js'

/** The store's format: a different one reads as no record. */
const FORMAT = 'kogi-problems-1'

const historyFile = (cacheDir: string) => path.join(cacheDir, 'problems.bin')

const fingerprint = (p: Placed) => crypto.createHash('sha256').update(`${p.message.ruleId ?? ''}\u0000${p.path}\u0000${reasonOf(p.message)}`).digest('base64').slice(0, 16)

/**
 * Compare a build's errors and warnings with those the last build that wrote a site kept, and
 * keep this build's if it wrote one (a refused or failed build leaves the cache folder alone).
 *
 * @param cacheDir The cache folder (`.cache/kogi`); without one nothing is kept and nothing is new.
 * @param files The build's files, before rule levels are applied (a rule turned on again is not new work).
 * @param written Whether the build wrote its site.
 * @returns The messages that are new; none when there is no record of a last build.
 */
export function newSinceLastBuild(cacheDir: string | undefined, files: readonly VFile[], written: boolean): Set<VFileMessage> {
  const fresh = new Set<VFileMessage>()
  if (!cacheDir) return fresh
  const last = readChecked<Record<string, number>>(historyFile(cacheDir), FORMAT)
  const keyed = placedMessages(files).map((p) => ({ message: p.message, key: fingerprint(p) }))
  const counts: Record<string, number> = {}
  for (const { key } of keyed) counts[key] = (counts[key] ?? 0) + 1
  if (last && typeof last === 'object') {
    const seen: Record<string, number> = {}
    // Bottom of each file first: of several alike, the extra ones are taken to be the last ones.
    for (const { message, key } of keyed.reverse()) {
      seen[key] = (seen[key] ?? 0) + 1
      if (counts[key]! - seen[key]! >= (last[key] ?? 0)) fresh.add(message)
    }
  }
  if (written) writeChecked(historyFile(cacheDir), FORMAT, counts)
  return fresh
}
