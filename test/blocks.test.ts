/**
 * The block structure the source scanner follows (src/markdown/blocks.ts) is remark-parse's:
 * on random documents of fences, list items, quotes, footnotes, HTML blocks, tables and
 * indentation, the lines it calls code, fences and paragraph text are exactly the lines
 * micromark (remark-parse's tokenizer, with GFM) makes code, fences and paragraphs of.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parse, postprocess, preprocess } from 'micromark'
import { gfm } from 'micromark-extension-gfm'
import { BlockTracker } from '../src/markdown/blocks.js'

const runs = Number(process.env.KOGI_FUZZ_RUNS ?? 2000)
const seed = process.env.KOGI_FUZZ_SEED !== undefined ? Number(process.env.KOGI_FUZZ_SEED) : process.env.KOGI_FUZZ_RUNS ? undefined : 20241025

const split = (text: string) => text.split(/\r\n|\r|\n/)
// Lines of nothing but spaces and `>` carry no code text either reader could disagree about.
const empty = (line: string) => /^[\s>]*$/.test(line)

/** Line number → `fence`, `code` or `text`, from the tokens of micromark, remark-parse's tokenizer, with GFM. */
function parsedKinds(text: string): Map<number, string> {
  const lines = split(text)
  const kinds = new Map<number, string>()
  for (const [kind, token] of postprocess(parse({ extensions: [gfm()] }).document().write(preprocess()(text, undefined, true)))) {
    if (kind !== 'enter') continue
    if (token.type === 'codeFlowValue' && !empty(lines[token.start.line - 1]!)) kinds.set(token.start.line, 'code')
    else if (token.type === 'codeFencedFence') kinds.set(token.start.line, 'fence')
    else if (token.type === 'paragraph' || token.type === 'setextHeadingText') for (let l = token.start.line; l <= token.end.line; l++) kinds.set(l, 'text')
  }
  return kinds
}

/** The same, from the tracker fed the text line by line. */
function trackedKinds(text: string): Map<number, string> {
  const lines = split(text)
  const tracker = new BlockTracker()
  const kinds = new Map<number, string>()
  lines.forEach((line, i) => {
    const info = tracker.feed(line, () => lines[i + 1])
    if (info.kind === 'fence') kinds.set(i + 1, 'fence')
    else if (info.kind === 'code' && !empty(line)) kinds.set(i + 1, 'code')
    else if (info.kind === 'text') kinds.set(i + 1, 'text')
  })
  return kinds
}

const show = (kinds: Map<number, string>) => [...kinds].sort((a, b) => a[0] - b[0]).map(([l, k]) => `${l}:${k}`).join(' ')

const prefix = fc.constantFrom(
  '', '', '', ' ', '  ', '   ', '    ', '     ', '\t', ' \t', '- ', '* ', '+ ', '-   ', '-     ', '-\t', '1. ', '10. ', '2) ', '1.    ', '   1. ',
  '> ', '>', '>\t', '  >  ', '> > ', '- > ', '> - ', '1. - ', '   - ', '  - ', '    - ', '[^1]: ', '- - ', '>     ',
)
const body = fc.constantFrom(
  '```', '````', '~~~', '~~~~', '``` js', '```  ', '```js`', '~~~ a`b', 'text', 'more text', '', '', '-', '1.', '- x', '> x', '1. x',
  '<div>', '</div>', '<div/>', '<span>', '<span>x', '<pre>', '</pre>', '<script>', '</script>', '<textarea>', '<style>x</style>', '<a href="x">',
  '<!-- c -->', '<!--', '-->', '<!---->', '<!-->', '<?php', '?>', '<?x?>', '<!X', '>', '<![CDATA[', ']]>',
  '# h', '---', '===', '***', '- - -', '| a | b |', '|---|---|', 'a | b', '--|--', ':-', '-:', '|-|', 'a|b|c', '|:-|-:|', '| a |',
  '    code', '\tx', ' x', '`x`', '`` ` ``',
)
const document = fc.array(fc.tuple(prefix, body).map(([p, b]) => p + b), { maxLength: 40 }).map((lines) => lines.join('\n'))

describe('block structure', () => {
  it(`agrees with remark-parse about code, fences and paragraphs (${runs} documents)`, () => {
    fc.assert(
      fc.property(document, (text) => {
        expect(show(trackedKinds(text)), JSON.stringify(text)).toBe(show(parsedKinds(text)))
      }),
      { numRuns: runs, ...(seed !== undefined ? { seed } : {}) },
    )
  }, 120_000)

  it('keeps a fence opened on a list-marker line inside its item, and ends it with the item', () => {
    const text = '- ```\n  <!-- a -->\n  ```\n\n- ```\n  b\n\nc\n'
    expect(show(trackedKinds(text))).toBe('1:fence 2:code 3:fence 5:fence 6:code 8:text')
    expect(show(parsedKinds(text))).toBe('1:fence 2:code 3:fence 5:fence 6:code 8:text')
  })
})
