/**
 * rehype-search-sections on fixture trees: the sections it records in the page facts (anchors
 * from ids or slugs, glossary terms and bold as emphasis, formulas as raw nodes and navigation
 * and tooltips left out), the same sections read back from the tree's HTML, and the generated
 * glossary pages carrying theirs without any HTML being parsed.
 */
import { describe, expect, it } from 'vitest'
import { unified } from 'unified'
import rehypeStringify from 'rehype-stringify'
import { h } from 'hastscript'
import type { Root } from 'hast'
import { VFile } from 'vfile'
import rehypeSearchSections from '../../src/plugins/rehype-search-sections.js'
import { extractSections } from '../helpers/extract-html.js'
import { glossaryPages } from '../../src/site/glossary.js'
import { buildModel } from '../../src/stages/model.js'
import { resolveConfig } from '../../src/config.js'
import type { PageFacts } from '../../src/types.js'

/** A typeset formula as the page stage leaves it: raw KaTeX HTML. */
const formula = { type: 'raw', value: '<span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span></span>' } as const

function page(): Root {
  return {
    type: 'root',
    children: [
      h('p', '前文です。'),
      h('section', [
        h('h2', { id: 'given' }, '最初'),
        h('p', ['ベクトル', formula as never, 'の長さと', h('strong', ['太字', formula as never, '語']), '。']),
        h('nav', '前へ 次へ'),
        h('span', { role: 'tooltip' }, 'ツールチップ'),
        h('span', { className: 'kogi-term-tooltip' }, '説明'),
        h('p', { hidden: false }, '見える'),
        h('p', { dataSearchIgnore: true }, '除外'),
      ]),
      h('h3', 'BERT: 事前訓練'),
      h('dl', [h('dt', { id: 'term-エントロピー' }, 'エントロピー'), h('dd', '平均的な驚き')]),
      h('h3', 'BERT: 事前訓練'),
      h('p', '本文三'),
    ],
  }
}

async function sectionsOfPage(tree: Root): Promise<{ sections: PageFacts['search']; html: string }> {
  const file = new VFile()
  file.data.facts = { title: '', description: '', ids: [], links: [], formulas: 0 }
  const processor = unified().use(rehypeSearchSections).use(rehypeStringify, { allowDangerousHtml: true })
  const html = processor.stringify((await processor.run(tree, file)) as Root, file)
  return { sections: file.data.facts.search, html }
}

describe('rehype-search-sections', () => {
  it('records the sections of a fixture page in its facts', async () => {
    const { sections } = await sectionsOfPage(page())
    expect(sections).toEqual([
      { anchor: '', heading: '', text: '前文です。', emphasis: '' },
      { anchor: 'given', heading: '最初', text: 'ベクトル の長さと太字 語。\n見える', emphasis: '太字 語' },
      { anchor: 'bert-事前訓練', heading: 'BERT: 事前訓練', text: 'エントロピー\n平均的な驚き', emphasis: 'エントロピー' },
      { anchor: 'bert-事前訓練-1', heading: 'BERT: 事前訓練', text: '本文三', emphasis: '' },
    ])
  })

  it('gives what reading the written HTML back gives', async () => {
    const { sections, html } = await sectionsOfPage(page())
    expect(html).toContain('<span class="katex">')
    expect(sections).toEqual(extractSections(html))
  })
})

describe('glossary pages', () => {
  it('carry their search sections, the same as their HTML gives', () => {
    const { model } = buildModel([
      { rel: 'ai/index.md', matter: { title: '人工知能' } },
      { rel: 'ai/lect1.md', matter: { title: '第1回' } },
    ])
    const term = { term: 'エントロピー', en: 'entropy', id: 'term-エントロピー', definition: '平均的な驚き' }
    const facts = new Map<string, PageFacts>([['/ai/lect1/', { title: '第1回', description: '', ids: [], links: [], formulas: 0, terms: [term] }]])
    const pages = glossaryPages(model, facts, resolveConfig({}, 'test', {}))
    expect(pages.map((p) => p.page.url)).toEqual(['/ai/terms/', '/terms/'])
    for (const g of pages) {
      expect(g.facts.search).toEqual([{ anchor: '', heading: '', text: '1 語\nエントロピー entropy\n第1回: 平均的な驚き', emphasis: 'エントロピー entropy' }])
      expect(g.facts.search).toEqual(extractSections(g.content))
    }
  })
})
