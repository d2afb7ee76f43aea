/**
 * Random lectures that hide drafts in HTML comments around code: fences (``` and ~~~, of
 * several lengths and indents, in `- `, `1. ` and `> ` items, closed, closed wrongly or never),
 * lists, indented code, code spans, and comments on one line or across paragraphs and fences.
 * Every comment holds its own marker word, so a test can tell which comment's text reached a page.
 */
import fc from 'fast-check'
import { parse, postprocess, preprocess } from 'micromark'
import { gfm } from 'micromark-extension-gfm'

/** A generated lecture and the marker word of each of its comments. */
export interface DraftDocument {
  readonly source: string
  readonly markers: readonly string[]
}

// `@N` in a piece is replaced by the next comment's marker word; every comment opens `<!-- @N`.
const comment = fc.constantFrom('<!-- @N -->', '<!-- @N\n\n@N -->', '<!-- @N\n## @N\n```\n@N\n-->', '<!-- @N\n- @N\n\n    @N -->', '<!-- @N', 'a <!-- @N --> b', 'text <!-- @N\nmore @N -->')
const fenceLine = fc.tuple(fc.constantFrom('`', '~'), fc.integer({ min: 3, max: 5 }), fc.constantFrom('', ' ', '  ', '   ', '    '), fc.constantFrom('', 'text', ' x'))
const word = fc.constantFrom('text', 'more words', '日本語の文', '`code`', '`a <!-- @N --> b`', '``x` <!-- @N -->``', '`open', 'close`', '\\`', '<span>', '# heading', '---', '|a|b|', '|-|-|')

const line = fc.oneof(
  { weight: 3, arbitrary: word },
  { weight: 3, arbitrary: comment },
  { weight: 3, arbitrary: fenceLine.map(([c, n, indent, info]) => indent + c.repeat(n) + info) },
  { weight: 1, arbitrary: fc.constantFrom('', '', '    indented <!-- @N -->', '        <!-- @N -->', '\t<!-- @N -->') },
)

const prefix = fc.constantFrom('', '', '', '- ', '  ', '1. ', '   ', '> ', '> - ', '- > ', '  - ', '    ', ' ')

const lecture = fc.array(fc.tuple(prefix, line), { maxLength: 24 }).map((lines): DraftDocument => {
  const markers: string[] = []
  const source = lines
    .map(([p, l]) => p + l)
    .join('\n')
    .replace(/@N/g, (_, offset: number, all: string) => {
      // Every `@N` of one comment piece names the same marker: a new one starts at each `<!--`.
      const opened = all.lastIndexOf('<!--', offset)
      const key = `zq${opened}q`
      if (!markers.includes(key)) markers.push(key)
      return key
    })
  return { source, markers }
})

/** Lectures full of drafts in comments around code. */
export const draftDocuments: fc.Arbitrary<DraftDocument> = lecture

/** Offsets covered by code as micromark (remark-parse's tokenizer) reads a text: closed fences, indented code, code spans. */
export function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = []
  const open: { start: number; fences: number }[] = []
  for (const [kind, token] of postprocess(parse({ extensions: [gfm()] }).document().write(preprocess()(text, undefined, true)))) {
    const type = token.type
    if (type === 'codeFenced') {
      if (kind === 'enter') open.push({ start: token.start.offset, fences: 0 })
      else {
        const fenced = open.pop()!
        // A fence that ran to the end of its container or the text has one fence line only.
        if (fenced.fences === 2) ranges.push([fenced.start, token.end.offset])
      }
    } else if (type === 'codeFencedFence' && kind === 'enter') open.at(-1)!.fences++
    else if ((type === 'codeIndented' || type === 'codeText') && kind === 'enter') ranges.push([token.start.offset, token.end.offset])
  }
  return ranges
}
