/**
 * The source scanner (src/markdown/scan.ts): the exact comments, `$$` pairs and unclosed fences
 * it finds, read the way remark-parse reads the page once the comments are blanked out.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { scanSource } from '../src/markdown/scan.js'
import { stripComments } from '../src/markdown/comments.js'
import { revealDrafts } from '../src/markdown/drafts.js'
import { protectDollarMath } from '../src/math/dollars.js'

/** The comments of a source as [line, column, text]. */
function comments(source: string): [number, number, string][] {
  return scanSource(source).comments.map((c) => [c.line, c.column, source.slice(c.start, c.end)])
}

describe('comments', () => {
  it('are found in prose with their offsets, never in fenced code or a code span', () => {
    const source = 'Intro <!-- one --> text.\n\n<!-- two\n\nlines -->\n```\n<!-- code -->\n```\n`<!-- span -->` and <!-- three -->\n'
    expect(scanSource(source).comments).toEqual([
      { start: 6, end: 18, line: 1, column: 7, closed: true },
      { start: 26, end: 45, line: 3, column: 1, closed: true },
      { start: 88, end: 102, line: 9, column: 21, closed: true },
    ])
  })

  it('after a fence opened on a list-marker line and closed inside the item', () => {
    const source = '- ```\n  code <!-- kept -->\n  ```\n\nText <!-- draft\n\nmore draft -->\n'
    expect(comments(source)).toEqual([[5, 6, '<!-- draft\n\nmore draft -->']])
    expect(scanSource(source).unclosedFences).toEqual([])
  })

  it('after a fence that is never closed: hidden, and the fence reported where it opens', () => {
    const source = 'Intro.\n\n  ```python\nprint(1)\n\n<!-- draft -->\n'
    expect(comments(source)).toEqual([[6, 1, '<!-- draft -->']])
    expect(scanSource(source).unclosedFences).toEqual([{ line: 3, column: 3 }])
  })

  it('after a fence ended by the end of its quote or list item, which is reported too', () => {
    expect(scanSource('> ```\n> <!-- a -->\n\nb <!-- c -->\n')).toMatchObject({ comments: [{ line: 2, column: 3 }, { line: 4, column: 3 }], unclosedFences: [{ line: 1, column: 3 }] })
    expect(scanSource('1. a\n   ~~~~\n   x\n2. b <!-- c -->\n')).toMatchObject({ comments: [{ line: 4, column: 6 }], unclosedFences: [{ line: 2, column: 4 }] })
  })

  it('inside code that a closing fence ends are code, in lists and quotes too', () => {
    expect(comments('- a\n\n  ```\n  <!-- x -->\n  ```\n')).toEqual([])
    expect(comments('> ~~~\n> <!-- x -->\n> ~~~\n')).toEqual([])
    expect(comments('1. a\n\n   ````\n   ```\n   <!-- x -->\n   ````\n')).toEqual([])
  })

  it('hide the fences inside them when they start in prose', () => {
    expect(comments('<!--\n```\n-->\n<!-- b -->\n')).toEqual([
      [1, 1, '<!--\n```\n-->'],
      [4, 1, '<!-- b -->'],
    ])
  })

  it('inside indented code are code; a list item takes its own indentation off first', () => {
    expect(comments('- a\n\n        <!-- x -->\n\n    <!-- y -->\n')).toEqual([[5, 5, '<!-- y -->']])
    // A paragraph goes on over indented lines: no code there.
    expect(comments('a\n    <!-- z -->\n')).toEqual([[2, 5, '<!-- z -->']])
  })

  it('inside a code span that closes on a later line are code; after a backtick that never closes they are comments', () => {
    expect(comments('a `b\nc <!-- d` e\n')).toEqual([])
    expect(comments('a `b <!-- c -->\n\nd`\n')).toEqual([[1, 6, '<!-- c -->']])
    expect(comments('a \\`b <!-- c --> `\n')).toEqual([[1, 7, '<!-- c -->']])
  })

  it('in a fence info string are hidden; one never closed hides the rest of the page', () => {
    expect(comments('```js <!-- info -->\nx\n```\n')).toEqual([[1, 7, '<!-- info -->']])
    expect(scanSource('a\n\nb <!-- never\n\n```\n')).toEqual({ comments: [{ start: 5, end: 21, line: 3, column: 3, closed: false }], dollars: [], unpairedDollars: [], unclosedFences: [] })
  })

  it('keep lines and line endings when blanked, and the warnings carry line and column', () => {
    const file = new VFile({ value: 'a <!-- b -->\r\n<!--\r\nc\r\n-->d\r\n- ```\r\n  x\r\n' })
    stripComments(file)
    expect(file.value).toBe('a           \r\n\r\n\r\nd\r\n- ```\r\n  x\r\n')
    expect(file.messages.map((m) => ({ line: m.line, column: m.column, ruleId: m.ruleId }))).toEqual([{ line: 5, column: 3, ruleId: 'unclosed-fence' }])
  })

  it('that the build hides are the ones the drafts preview shows', () => {
    const file = new VFile({ value: '```\ncode\n\n<!-- 下書き -->\n' })
    revealDrafts(file)
    expect(file.value).toBe('```\ncode\n\n下書き \n')
    expect(file.data.drafts).toEqual([{ start: 4, end: 4 }])
  })
})

describe('$$ and code', () => {
  it('a fence inside $$ … $$ is TeX, so the comment after it is a comment', () => {
    expect(scanSource('$$\n```\n$$\n\n<!-- x -->\n')).toEqual({
      comments: [{ start: 11, end: 21, line: 5, column: 1, closed: true }],
      dollars: [{ open: { line: 0, column: 0 }, close: { line: 2, column: 0 } }],
      unpairedDollars: [],
      unclosedFences: [],
    })
  })

  it('the comment and the $$ in a fence of a list item agree: both are code', () => {
    // Once `comments.ts` knew fences as `^ {0,3}` and `dollars.ts` as `^\s*`: the comment
    // here was blanked out of the code while the `$$` was left in it.
    const source = '- item\n\n    ```\n    <!-- note -->\n    $$ a\n    b $$\n    ```\n'
    expect(scanSource(source)).toEqual({ comments: [], dollars: [], unpairedDollars: [], unclosedFences: [] })
    expect(protectDollarMath(source).text).toBe(source)
    const file = new VFile({ value: source })
    stripComments(file)
    expect(file.value).toBe(source)
  })

  it('a $$ inside indented code or a code span is no delimiter', () => {
    expect(scanSource('text\n\n    $$ a\n\n`$$` b $$ c\n').dollars).toEqual([])
    expect(scanSource('a `b\n$$` c $$ d $$\n').dollars).toEqual([{ open: { line: 1, column: 6 }, close: { line: 1, column: 11 } }])
  })

  it('a $$ that finds no partner before a blank line is text, and a fence after it is code again', () => {
    const source = 'a $$ b\n```\n<!-- x -->\n\n$$ y $$\n```\n'
    expect(scanSource(source)).toEqual({
      comments: [{ start: 11, end: 21, line: 3, column: 1, closed: true }],
      dollars: [],
      unpairedDollars: [{ line: 1, column: 3 }],
      unclosedFences: [],
    })
  })

  it('positions on a line a comment ends on are the line as written', () => {
    expect(scanSource('a <!-- b\nc --> $$x$$\n').dollars).toEqual([{ open: { line: 1, column: 6 }, close: { line: 1, column: 9 } }])
  })
})
