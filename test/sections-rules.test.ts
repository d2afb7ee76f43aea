/**
 * Rules of linked sections that fixtures cannot show: where term links may never land, message
 * positions, the drafts preview's line numbers, glossary order and the termLinks config key.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import type { Element, Root } from 'hast'
import { visitParents } from 'unist-util-visit-parents'
import { resolveConfig } from '../src/config.js'
import { revealDrafts } from '../src/markdown/drafts.js'
import { compareTerms } from '../src/site/glossary.js'
import { numberEquation } from '../src/plugins/equation-numbers.js'
import { splitTerm } from '../src/plugins/glossary-entry.js'
import { renderMarkdown } from './helpers/render.js'

const FORBIDDEN = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre', 'dl'])

/** Term links whose ancestors include a heading, code, math, the glossary or another link. */
function misplacedTermLinks(tree: Root): string[] {
  const bad: string[] = []
  visitParents(tree, 'element', (node: Element, ancestors) => {
    if (node.tagName !== 'a' || !(node.properties.className as string[] | undefined)?.includes('kogi-term')) return
    for (const a of ancestors) {
      if (a.type !== 'element') continue
      const cls = (a.properties.className as string[] | undefined) ?? []
      if (FORBIDDEN.has(a.tagName) || a.tagName === 'a' || cls.includes('katex') || cls.includes('kogi-glossary')) bad.push(a.tagName + '.' + cls.join('.'))
    }
  })
  return bad
}

describe('term links', () => {
  const source = [
    '## 用語集',
    '',
    '**エントロピー**: 平均的な驚き。<br/>',
    '**勾配降下法 gradient descent**: 最小値を探す方法。',
    '',
    '## エントロピーと勾配降下法',
    '',
    '`エントロピー` と `gradient descent`、$\\text{エントロピー}$、',
    '<a href="https://example.com">エントロピー</a>、[gradient descent](https://example.com)。',
    '',
    '```',
    'エントロピー gradient descent',
    '```',
    '',
    '$$',
    '\\text{勾配降下法}',
    '$$',
    '',
    'Then gradient descent and エントロピー in prose, and エントロピー again.',
  ].join('\n')

  it('never land inside math, code, a heading, the glossary or an existing link', async () => {
    const { html } = await renderMarkdown(source)
    const tree = fromHtml(html, { fragment: true })
    const links = selectAll('a.kogi-term', tree)
    // Exactly the two prose mentions of the last paragraph are linked, once each.
    expect(links.map((a) => [a.properties.href, a.children[0]?.type === 'text' ? a.children[0].value : ''])).toEqual([
      ['#term-勾配降下法', 'gradient descent'],
      ['#term-エントロピー', 'エントロピー'],
    ])
    expect(misplacedTermLinks(tree)).toEqual([])
  })

  it('is switched off by termLinks: false, and the key is validated', async () => {
    const { html } = await renderMarkdown(source, { config: { termLinks: false } })
    expect(html).not.toContain('kogi-term"')
    expect(() => resolveConfig({ termLinks: 'no' }, 'kogi.config.json')).toThrow('kogi.config.json: `termLinks` must be true or false, got "no"')
  })
})

describe('messages of linked sections', () => {
  it('warns about an empty glossary definition at its term', async () => {
    const { file } = await renderMarkdown('---\ntitle: T\n---\n## 用語集\n\n* **エポック**:\n* **損失**: 量。\n')
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[6, 3, 'glossary-empty']])
  })

  it('warns about an image without alt, taking the caption as alt', async () => {
    const { file, html } = await renderMarkdown('text\n\n<center>\n  <img src="a.png"><br/>\n  キャプション\n</center>\n')
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([[4, 3, 'img-alt']])
    expect(html).toContain('alt="キャプション"')
  })

  it('warns about a reference to an unknown label, in prose and in math', async () => {
    const { file } = await renderMarkdown('See \\eqref{nope} here.\n\n$$\nx = \\ref{gone}\n$$\n')
    expect(file.messages.map((m) => [m.line, m.column, m.ruleId])).toEqual([
      [3, 1, 'equation-ref'],
      [1, 5, 'equation-ref'],
    ])
  })
})

describe('drafts preview', () => {
  it('keeps every line on its line and records the comment ranges', () => {
    const file = new VFile({ value: 'a\n<!-- ## Box 2\n\ntext\n-->\nb <!-- x --> c\n' })
    revealDrafts(file)
    expect(String(file.value).split('\n')).toEqual(['a', '## Box 2', '', 'text', '', 'b  x  c', ''])
    expect(file.data.drafts).toEqual([
      { start: 2, end: 5 },
      { start: 6, end: 6 },
    ])
  })
})

describe('glossary order and names', () => {
  it('sorts kana in gojūon order before Latin A–Z', () => {
    expect(['softmax', 'エントロピー', 'BERT', 'アルゴリズム', 'カーネル', 'いぬ'].sort(compareTerms)).toEqual(['アルゴリズム', 'いぬ', 'エントロピー', 'カーネル', 'BERT', 'softmax'])
  })

  it('splits the English name off a term, beside it or at the end of the definition', () => {
    expect(splitTerm('カルバック・ライブラーの乖離 Kullback-Leibler divergence')).toEqual({ name: 'カルバック・ライブラーの乖離', en: 'Kullback-Leibler divergence' })
    expect(splitTerm('損失関数 (loss function)')).toEqual({ name: '損失関数', en: 'loss function' })
    expect(splitTerm('AI の冬', '下火の時期。 AI winter')).toEqual({ name: 'AI の冬', en: 'AI winter' })
    expect(splitTerm('エントロピー', '平均的な驚き。')).toEqual({ name: 'エントロピー' })
  })
})

describe('equation numbers', () => {
  it('numbers equation and align rows, keeps \\tag and strips \\label', () => {
    let n = 0
    const next = () => ++n
    expect(numberEquation('\\begin{equation} a \\label{x} \\end{equation}', next)).toEqual({ tex: '\\begin{equation*} a \\tag{1}\\end{equation*}', labels: [{ name: 'x', number: '1' }] })
    const align = numberEquation('\\begin{align} a &= b \\label{p} \\\\ c &= d \\nonumber \\\\ e &= f \\end{align}', next)
    expect(align.labels).toEqual([{ name: 'p', number: '2' }])
    expect(align.tex).toBe('\\begin{align*} a &= b \\tag{2}\\\\ c &= d  \\\\ e &= f \\tag{3}\\end{align*}')
    expect(numberEquation('x \\tag{A} \\label{t}', next)).toEqual({ tex: 'x \\tag{A} ', labels: [{ name: 't', number: 'A' }] })
    expect(numberEquation('y', next)).toEqual({ tex: 'y', labels: [] })
    expect(n).toBe(3)
  })
})
