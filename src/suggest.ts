/**
 * "Did you mean …?": the known name a mistyped one is closest to, for messages about names.
 */

/**
 * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as
 * one edit (the optimal string alignment distance), so `titel` is one edit from `title`.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1)
      rows[i]![j] = d
    }
  }
  return rows[a.length]![b.length]!
}

/**
 * The known name meant by a mistyped one: one that differs only in case, else the nearest within
 * a third of the name's length (at least one edit), ignoring case and `-`/`_`; the first of
 * equals wins. Undefined when nothing is that close.
 *
 * @param name The name as written.
 * @param known The names that exist, in the order to prefer them.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase()
  const sameCase = known.find((k) => k.toLowerCase() === lower)
  if (sameCase !== undefined) return sameCase
  const plain = (s: string) => s.toLowerCase().replace(/[-_]/g, '')
  let best: string | undefined
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1
  for (const k of known) {
    const d = editDistance(plain(name), plain(k))
    if (d < bestDistance) {
      best = k
      bestDistance = d
    }
  }
  return best
}
