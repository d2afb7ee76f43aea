/**
 * The page stage records each page's search sections (rehype-search-sections), so the index is
 * built without parsing page HTML: those sections are exactly what extracting them from the
 * page's finished HTML gives, on the seed lecture and on a page with formulas in headings and
 * bold text, highlighted code and draft-free comments.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractSections } from '../helpers/extract-html.js'
import { renderMarkdown } from '../helpers/render.js'
import { projectRoot } from '../helpers/shared.js'

async function bothWays(markdown: string) {
  const { html, file } = await renderMarkdown(markdown)
  return { fromTree: file.data.facts!.search, fromHtml: extractSections(html) }
}

describe('search sections from the page stage', () => {
  it('equal those read back from the HTML, for the seed lecture', async () => {
    const seed = fs.readFileSync(path.join(projectRoot, 'content', '2024ai', '2024ai_lect20.md'), 'utf8')
    const { fromTree, fromHtml } = await bothWays(seed)
    expect(fromTree!.length).toBeGreaterThan(10)
    expect(fromTree).toEqual(fromHtml)
  })

  it('equal those read back from the HTML, with formulas, code and glossary terms', async () => {
    const page = [
      '# 平均 $\\mu$ の推定',
      '',
      '前文 $x_i$ と **太字 $\\sigma^2$ 分散** です。<!-- 下書き -->',
      '',
      '## 用語集',
      '',
      '<dl><dt>エントロピー</dt><dd>平均的な驚き $H(p)$</dd></dl>',
      '',
      '```python',
      'import numpy as np',
      'print(np.mean([1, 2]))',
      '```',
      '',
      '$$',
      '\\sum_i x_i',
      '$$',
      '',
      '### 同じ見出し',
      '',
      '本文',
      '',
      '### 同じ見出し',
      '',
      '本文二',
    ].join('\n')
    const { fromTree, fromHtml } = await bothWays(page)
    expect(fromTree).toEqual(fromHtml)
    expect(fromTree!.map((s) => s.heading)).toEqual(['平均 の推定', '用語集', '同じ見出し', '同じ見出し'])
    expect(fromTree![0]!.text).toBe('前文 と 太字 分散 です。')
    expect(fromTree![1]!.text).toContain('print(np.mean([1, 2]))')
    expect(fromTree![1]!.emphasis).toBe('エントロピー')
  })
})
