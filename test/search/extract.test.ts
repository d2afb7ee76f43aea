/**
 * What goes into the index from a page: sections at headings, prose without formula internals,
 * navigation or tooltips, and glossary terms apart for their boost.
 */
import { describe, expect, it } from 'vitest'
import { extractSections } from '../helpers/extract-html.js'

const katex = '<span class="katex"><span class="katex-mathml"><math><semantics><mi>x</mi><annotation encoding="application/x-tex">\\mathbf{x}</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="mord">x</span></span></span>'

describe('extractSections', () => {
  it('splits at headings, keeping ids and slugging headings without one', () => {
    const s = extractSections('<p>前文です。</p><h2 id="given">最初</h2><p>本文一</p><h3>BERT: 事前訓練</h3><p>本文二</p><h3>BERT: 事前訓練</h3><p>本文三</p>')
    expect(s.map((x) => [x.anchor, x.heading, x.text])).toEqual([
      ['', '', '前文です。'],
      ['given', '最初', '本文一'],
      ['bert-事前訓練', 'BERT: 事前訓練', '本文二'],
      ['bert-事前訓練-1', 'BERT: 事前訓練', '本文三'],
    ])
  })

  it('finds headings inside section wrappers', () => {
    const s = extractSections('<section><h2 id="a">甲</h2><p>一</p></section><section><h2 id="b">乙</h2><p>二</p></section>')
    expect(s.map((x) => [x.anchor, x.text])).toEqual([['a', '一'], ['b', '二']])
  })

  it('leaves formulas, navigation, tooltips and hidden text out, prose around formulas in', () => {
    const html = `<h2 id="h">式</h2><p>ベクトル${katex}の長さ</p><nav>前へ 次へ</nav><span role="tooltip">ツールチップ</span><span class="glossary-tooltip">説明</span><p hidden>隠し</p><p data-search-ignore>除外</p>`
    const [section] = extractSections(html)
    expect(section!.text).toBe('ベクトル の長さ')
    expect(section!.text).not.toMatch(/mathbf|annotation|x/)
  })

  it('collects glossary terms and bold text for the boost', () => {
    const [section] = extractSections('<h2 id="g">用語集</h2><dl><dt id="t1">エントロピー</dt><dd>平均的な驚き</dd></dl><p><strong>ソフトマックス</strong>：確率に変える</p>')
    expect(section!.emphasis.split('\n')).toEqual(['エントロピー', 'ソフトマックス'])
    expect(section!.text).toContain('平均的な驚き')
  })
})
