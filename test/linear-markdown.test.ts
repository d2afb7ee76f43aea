/**
 * The two replacements that keep markdown linear in a page's length: micromark's edit map
 * applied from its first change on, and list items told once per list whether it is loose.
 * Both must give exactly what the libraries gave.
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
import { EditMap } from 'micromark-util-edit-map'
import { consumeEdits } from '../src/markdown/linear-edit-map.js'
import { listItem } from '../src/markdown/list-items.js'
import '../src/formats/lecture.js'

type Events = Parameters<EditMap['consume']>[0]
type Event = Events[number]

/** A stand-in event, told apart by its number. */
function event(n: number): Event {
  const point = { line: 1, column: n, offset: n, _index: n, _bufferIndex: -1 }
  return ['enter', { type: 'data', start: point, end: point }, undefined as never]
}

/** `consume` as micromark-util-edit-map 1.0 wrote it, copying the whole list each time: the reference. */
function libraryConsume(map: EditMap, events: Events): void {
  map.map.sort((a, b) => a[0] - b[0])
  if (map.map.length === 0) return
  const vecs: Events[] = []
  for (let index = map.map.length - 1; index >= 0; index--) {
    vecs.push(events.slice(map.map[index]![0] + map.map[index]![1]), map.map[index]![2])
    events.length = map.map[index]![0]
  }
  vecs.push(events.slice())
  events.length = 0
  for (let slice = vecs.pop(); slice; slice = vecs.pop()) for (const element of slice) events.push(element)
  map.map.length = 0
  map.index.clear()
}

describe('the edit map', () => {
  it('is the one micromark uses once the page stage is loaded', () => {
    expect(EditMap.prototype.consume).toBe(consumeEdits)
  })

  it('gives what the library gave, overlapping changes included', () => {
    const change = fc.tuple(fc.nat(40), fc.nat(5), fc.array(fc.integer({ min: 100, max: 999 }), { maxLength: 3 }), fc.boolean())
    fc.assert(
      fc.property(fc.array(change, { maxLength: 8 }), (changes) => {
        const [ours, theirs] = [new EditMap(), new EditMap()]
        for (const map of [ours, theirs]) for (const [at, remove, add, before] of changes) (before ? map.addBefore : map.add).call(map, at, remove, add.map(event))
        const [events, expected] = [Array.from({ length: 40 }, (_, i) => event(i)), Array.from({ length: 40 }, (_, i) => event(i))]
        ours.consume(events)
        libraryConsume(theirs, expected)
        expect(events).toEqual(expected)
      }),
    )
  })

  it('leaves the events before its first change untouched', () => {
    const events = Array.from({ length: 10_000 }, (_, i) => event(i))
    let writesBefore = 0
    const watched = new Proxy(events, {
      set(target, key, value) {
        if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) < 9_990) writesBefore++
        return Reflect.set(target, key, value)
      },
    })
    const map = new EditMap()
    map.add(9_990, 1, [event(-1)])
    map.add(9_995, 0, [event(-2)])
    map.consume(watched)
    expect(writesBefore).toBe(0)
    expect(events.length).toBe(10_001)
    expect(events.slice(9_989, 9_997).map((e) => e[1].start.column)).toEqual([9_989, -1, 9_991, 9_992, 9_993, 9_994, -2, 9_995])
  })
})

describe('list items', () => {
  const html = async (markdown: string, handlers: { listItem?: typeof listItem }) =>
    String(await unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { handlers }).use(rehypeStringify).process(markdown))

  it('come out as the default handler makes them, tight, loose, mixed, nested and with tasks', async () => {
    const lists = [
      '- a\n- b\n- c\n',
      '- a\n\n- b\n- c\n',
      '- a\n- b\n\n  more\n- c\n',
      '1. a\n   - x\n   - y\n\n     z\n2. b\n',
      '- [ ] todo\n- [x] done\n\n- [ ] later\n',
      '> - a\n>\n> - b\n',
      '- \n- b\n',
    ]
    for (const markdown of lists) expect(await html(markdown, { listItem })).toBe(await html(markdown, {}))
  })
})
