/**
 * Where a problem's line is on its page, for the problems page's links: the id of the nearest
 * heading at or above it, as the built page has it (repeated headings, raw HTML headings, math
 * in a heading, drafts), never an id the page lacks.
 */
import { describe, expect, it } from 'vitest'
import path from 'node:path'
import { headingAnchors, nearestAnchor } from '../src/dev/anchors.js'
import { resolveConfig } from '../src/config.js'
import { build } from '../src/stages/build.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'

const source = [
  '---', // 1
  'title: 見出し',
  '---',
  '',
  'はじめの段落', // 5
  '',
  '## 節',
  '',
  '```',
  '## コードの中', // 10
  '```',
  '',
  '## 節',
  '',
  '<h2 id="raw">生のHTML</h2>', // 15
  '',
  '<h3>idのない生の見出し</h3>',
  '',
  '### 式 $x^2$ の節',
  '', // 20
  '<!-- ## 下書きの節 -->',
  '',
  '- リスト',
  '',
].join('\n')

/** The anchors of the page as a real build leaves its file. */
async function anchorsOf(drafts: boolean) {
  const { dir, content, out } = tempProject({ 'c/a.md': source })
  const result = await build({
    config: resolveConfig({}, 'test', {}),
    contentDir: content,
    outDir: out,
    templatesDir: path.join(projectRoot, 'templates'),
    assetsDir: path.join(projectRoot, 'assets'),
    cwd: dir,
    drafts,
  })
  return headingAnchors(result.files.find((f) => f.path === 'content/c/a.md')!)
}

describe('heading anchors', () => {
  it('gives each heading of the source the id it has on the page', async () => {
    const anchors = await anchorsOf(false)
    expect(anchors).toEqual([
      { line: 7, id: '節' },
      { line: 13, id: '節-1' },
      { line: 15, id: 'raw' },
      { line: 17, id: 'idのない生の見出し' },
      { line: 19, id: '式-x2-の節' },
    ])
    expect([5, 7, 12, 13, 16, 18, 30].map((line) => nearestAnchor(anchors, line))).toEqual([undefined, '節', '節', '節-1', 'raw', 'idのない生の見出し', '式-x2-の節'])
  })

  it('finds the sections of drafts when the page shows them', async () => {
    expect((await anchorsOf(true)).at(-1)).toEqual({ line: 21, id: '下書きの節' })
  })
})
