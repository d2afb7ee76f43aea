/**
 * kramdown attribute lists that the author's editor wrapped over two lines (`{:target="_b` ⏎
 * `lank"}`) are attribute lists, as kramdown reads them: applied, never shown, and their
 * problems reported at the line and column where the list starts, quoted on one line.
 * The exact HTML is in test/fixtures/kramdown-wrapped-lists.
 */
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './helpers/render.js'
import { parseAttributeList } from '../src/markdown/attribute-list.js'

const messages = (file: Awaited<ReturnType<typeof renderMarkdown>>['file']) => file.messages.map((m) => [m.line, m.column, m.ruleId, m.reason])

describe('an attribute list over two lines', () => {
  it('joins a value broken inside a word, and one broken between words with a space', () => {
    expect(parseAttributeList('{:target="_b\nlank"}')).toEqual({ attributes: { target: '_blank' }, problems: [] })
    expect(parseAttributeList('{: title="a long\n  title" .wide\n#fig1}')).toEqual({ attributes: { title: 'a long title', id: 'fig1', className: ['wide'] }, problems: [] })
    expect(parseAttributeList('{reference-type="ref"\nreference="fig-a"}')).toEqual({ attributes: { 'reference-type': 'ref', reference: 'fig-a' }, problems: [] })
  })

  it('reports a misspelling at the start of the list, quoted on one line', async () => {
    const { html, file } = await renderMarkdown('Intro\n\nSee [a](https://x.org/a){:taget="_b\nlank"} now.\n')
    expect(html).toBe('<p>Intro</p>\n<p>See <a href="https://x.org/a" target="_blank" rel="noopener">a</a> now.</p>')
    expect(messages(file)).toEqual([[3, 25, 'kramdown-attributes', 'unknown attribute `taget` in `{:taget="_b lank"}`; did you mean `target`? (write {:target="_blank"})']])
  })

  it('removes a wrapped list that follows nothing, reported where it starts after a list that was applied', async () => {
    const { html, file } = await renderMarkdown('[a](https://x.org/a){:target="_blank"} and text {:target="_b\nlank"} here.\n\n<div>see {:target="_b\nlank"}</div>\n')
    expect(html).toBe('<p><a href="https://x.org/a" target="_blank" rel="noopener">a</a> and text  here.</p>\n<div>see </div>')
    expect(messages(file)).toEqual([
      [1, 49, 'kramdown-attributes', 'attribute list `{:target="_b lank"}` follows no link, image or block and was removed'],
      [4, 10, 'kramdown-attributes', 'attribute list `{:target="_b lank"}` inside raw HTML has no element to apply to and was removed; leave a blank line after the HTML block so the markdown link is read'],
    ])
  })

  it('applies a block list that starts a line and ends the paragraph a line later', async () => {
    const { html, file } = await renderMarkdown('Text.\n{: .note\n#intro}\n')
    expect(html).toBe('<p id="intro" class="note">Text.</p>')
    expect(file.messages).toEqual([])
  })
})
