/**
 * Front matter read with the `yaml` engine: the values lectures write come out as before,
 * aliases are bounded with a message at the alias, keys never reach a prototype, and the
 * page cache's key costs the size of the text however its values are shared.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { readFrontMatter } from '../src/stages/frontmatter.js'
import { MAX_ALIASED_VALUES } from '../src/stages/matter-yaml.js'
import { keyJson } from '../src/speed/cache.js'
import { buildFiles } from './helpers/build.js'

/** Read front matter from a source; the matter, its key lines and the messages as `line:column reason`. */
function read(source: string) {
  const file = new VFile({ path: 'content/c/x.md', value: source })
  const matter = readFrontMatter(file)
  return { matter, lines: file.data.matterLines, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.reason}`), body: String(file.value) }
}

describe('values', () => {
  it('reads what lectures write as gray-matter did: dates as dates, free text as written', () => {
    const { matter, lines, messages } = read(
      '---\ntitle: "統計学 第1回"\nauthor: 浅川 伸一\nlayout: page\ndate: 2021-11-19\nupdated: 2021-11-19 10:30:00\nflag: yes\nshown: true\nweight: 1.50\nnothing: ~\ntags: [ai, 2024]\n# a comment\nbase: &base {lang: ja}\nextra:\n  <<: *base\n  level: 2\n---\nbody\n',
    )
    expect(messages).toEqual([])
    expect({ ...matter }).toEqual({
      title: '統計学 第1回',
      author: '浅川 伸一',
      layout: 'page',
      date: '2021-11-19',
      updated: new Date('2021-11-19T10:30:00Z'),
      flag: 'yes',
      shown: true,
      weight: 1.5,
      nothing: null,
      tags: ['ai', 2024],
      base: { lang: 'ja' },
      extra: { lang: 'ja', level: 2 },
    })
    expect({ ...lines }).toEqual({ title: 2, author: 3, layout: 4, date: 5, updated: 6, flag: 7, shown: 8, weight: 9, nothing: 10, tags: 11, base: 13, extra: 14 })
  })

  it('keeps a date that is not one as its text, without a comment after it', () => {
    expect(read('---\ndate: 2021_1119 # draft\n---\n').matter.date).toBe('2021_1119')
    expect(read('---\ndate: 1.10\n---\n').matter.date).toBe('1.10')
    expect(read("---\ndate: '2021年11月26日'\n---\n").matter.date).toBe('2021年11月26日')
  })

  it('reads a CRLF file and blanks its block out, lines kept', () => {
    const { matter, messages, body } = read('---\r\ntitle: T\r\nlayout: [page]\r\n---\r\nok\r\n')
    expect(messages).toEqual(['3:1 warning `layout` should be text, got a list ["page"]; using "page"'])
    expect({ ...matter }).toEqual({ title: 'T', layout: 'page' })
    expect(body).toBe('\n\n\n\r\nok\r\n')
  })

  it('stores keys without a prototype: `__proto__` is a key like any other', async () => {
    const { matter, lines } = read('---\ntitle: t\n__proto__:\n  layout: evil\n---\n')
    expect(Object.getPrototypeOf(matter)).toBe(null)
    expect(Object.keys(matter)).toEqual(['title', '__proto__'])
    expect(matter.layout).toBe(undefined)
    expect(lines!['__proto__']).toBe(3)
    // The page is laid out with the default layout, not "evil".
    const b = await buildFiles({ 'c/p.md': '---\ntitle: t\n__proto__:\n  layout: evil\n---\nbody\n' })
    expect(b.report).toBe('')
    expect(b.read('c/p/index.html')).toContain('<p>body</p>')
  })
})

describe('bounds', () => {
  it('says where a syntax error is', () => {
    expect(read('---\ntitle: t\nlist: [a, b\nnext: 1\n---\n').messages).toEqual(['4:1 error invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ]'])
  })

  it('stops nested aliases at the alias that passes the limit', () => {
    // a: 10 values; b: nine aliases of a (90 added); c: nine of b (819); d: nine of c (7,380); the first *d passes 10,000.
    let yaml = 'a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n'
    for (const [name, before] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) yaml += `${name}: &${name} [${Array(9).fill('*' + before).join(', ')}]\n`
    expect(read('---\n' + yaml + '---\n').messages).toEqual([`6:8 error invalid YAML front matter: aliases expand the front matter by more than ${MAX_ALIASED_VALUES.toLocaleString('en')} values (nested aliases?)`])
  })

  it('refuses an alias inside the value it names, and one naming no anchor, at the alias', () => {
    expect(read('---\ntitle: t\nx: &x\n  y: [1, *x]\n---\n').messages).toEqual(['4:10 error invalid YAML front matter: alias *x is inside the value it names, which would contain itself'])
    expect(read('---\nx: *nope\n---\n').messages).toEqual(['2:4 error invalid YAML front matter: alias *nope names no anchor before it'])
  })

  it("keeps the YAML parser's own limit (an anchor and 99 uses), reported at the first alias", () => {
    const uses = (n: number) => '---\na: &a 1\nlist: [' + Array(n).fill('*a').join(', ') + ']\n---\n'
    expect(read(uses(99)).messages).toEqual([])
    expect(read(uses(100)).messages).toEqual(['3:8 error invalid YAML front matter: aliases are used more often than the YAML parser allows (100, counting an anchor and the aliases inside what it names): Excessive alias count indicates a resource exhaustion attack'])
  })

  it('refuses front matter over 16 KB at its first line, and reads 16 KB', () => {
    // 16 bytes a line: `k0000: 12345678`.
    const keys = (n: number) => '---\n' + Array.from({ length: n }, (_, i) => `k${String(i).padStart(4, '0')}: 12345678\n`).join('') + '---\n'
    expect(read(keys(1024)).messages).toEqual([])
    expect(read(keys(1025)).messages).toEqual(['1:1 error front matter is 17 KB; kogi reads at most 16 KB of it'])
  })
})

describe('the page cache key', () => {
  it('writes a value met again as a reference to its first place', () => {
    const shared = { lol: ['lol', 'lol'] }
    expect(keyJson({ a: shared, b: [shared, shared], c: new Date('2021-11-19T00:00:00Z') })).toBe('{"a":{"lol":["lol","lol"]},"b":[{"\\u0000seen":1},{"\\u0000seen":1}],"c":"2021-11-19T00:00:00.000Z"}')
  })

  it('costs the size of the text for 2^40 values shared through aliases, and survives a cycle', () => {
    let value: unknown = 'lol'
    for (let i = 0; i < 40; i++) value = [value, value]
    // Lists are numbered from the outside in; each one's second half refers to the list within.
    let expected = '["lol","lol"]'
    for (let k = 39; k >= 1; k--) expected = `[${expected},{"\\u0000seen":${k}}]`
    expect(keyJson(value)).toBe(expected)
    const loop: Record<string, unknown> = { name: 'loop' }
    loop.self = loop
    expect(keyJson(loop)).toBe('{"name":"loop","self":{"\\u0000seen":0}}')
  })
})
