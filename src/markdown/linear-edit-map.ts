/**
 * micromark's edit map, applied without rewriting the events before the first edit.
 *
 * `EditMap#consume` (micromark-util-edit-map 1.0) rebuilt the whole list of events on every call.
 * micromark calls it on the document's events each time a line closes a block quote or list item
 * lazily (`> a` followed by a blank line or a heading), and on a page's events for every setext
 * heading, so a page made of many of these cost the square of its length: 20 KB of short block
 * quotes took 20 s to parse, 40 KB four times that. Edits sit near the end of the list, so leaving
 * the untouched prefix in place makes each call cost only what follows its first edit.
 * Importing this module puts {@link consumeEdits} on the EditMap class micromark shares.
 */
import { EditMap } from 'micromark-util-edit-map'

type Events = Parameters<EditMap['consume']>[0]

/**
 * Apply an edit map's changes to `events`, as `EditMap#consume` does, in place from the first
 * change on.
 *
 * @param events The list to change; entries before the first change are neither read nor written.
 */
export function consumeEdits(this: EditMap, events: Events): undefined {
  this.map.sort((a, b) => a[0] - b[0])
  const tails: Events[] = []
  // From the last change back: keep what follows it, then what it adds, and cut the list there.
  for (let i = this.map.length - 1; i >= 0; i--) {
    const [at, remove, add] = this.map[i]!
    tails.push(events.slice(at + remove), add)
    events.length = at
  }
  for (let tail = tails.pop(); tail; tail = tails.pop()) for (const event of tail) events.push(event)
  this.map.length = 0
  this.index.clear()
  return undefined
}

EditMap.prototype.consume = consumeEdits
