/**
 * The seed site for browser tests: the project's own content (the seed lecture and its course),
 * two more lectures so previous/next and lecture order have something to show (one with code
 * and a YouTube embed), the seed's images when ../shared is present, built under a project-site
 * base path with a public URL so QR codes are made.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { resolveConfig, type Config } from '../../src/config.js'
import { build, type BuildResult } from '../../src/stages/build.js'
import { projectRoot, sharedDir } from './shared.js'

/** Base path and origin the seed site is built for. */
export const SEED_BASE = '/kogi/'
export const SEED_ORIGIN = 'https://example.github.io'

const LECT2 = `---
title: 第2回 系列と言語モデル
date: 2024-04-19
---

## 今日の内容

系列情報処理の基本を
確認します。**「言語モデル」**とは，次に来る単語の確率 $p(w_t\\mid w_{<t})$ を与えるものです。

| 記号 | 意味 | 例 |
|---|---|---|
| $w_t$ | 時刻 $t$ の単語 | 「講義」 |
| $p$ | 確率 | 0.25 |

<div class="pagebreak"></div>

## 実習

\`\`\`python
import numpy as np

def softmax(x):
    e = np.exp(x - x.max())  # 桁あふれを防ぐ
    return e / e.sum()
\`\`\`

<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="YouTube 動画: 系列モデル入門" frameborder="0" allowfullscreen></iframe>

詳しくは [Transformer の論文](https://arxiv.org/abs/1706.03762) を参照。
`

const LECT10 = `---
title: 第10回 注意機構
---

## 注意

$$
\\mathrm{Attention}(Q,K,V)=\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V + \\sum_{i=1}^{n}\\sum_{j=1}^{n}\\alpha_{ij}\\,\\mathbf{v}_j\\otimes\\mathbf{k}_i + \\lambda\\left\\|W_Q\\right\\|_F^2+\\lambda\\left\\|W_K\\right\\|_F^2+\\lambda\\left\\|W_V\\right\\|_F^2
$$

長い数式は横にスクロールします。
`

/** A built seed site. */
export interface SeedSite {
  readonly out: string
  readonly result: BuildResult
  readonly config: Config
}

/** Build the seed site into a temporary folder. */
export async function buildSeedSite(): Promise<SeedSite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-seed-'))
  const content = path.join(dir, 'content')
  fs.cpSync(path.join(projectRoot, 'content'), content, { recursive: true })
  fs.writeFileSync(path.join(content, '2024ai', '2024ai_lect2.md'), LECT2)
  fs.writeFileSync(path.join(content, '2024ai', '2024ai_lect10.md'), LECT10)
  // The seed's images make the screenshots real; without ../shared they are simply missing.
  const assets = path.join(sharedDir, 'seed-assets')
  if (fs.existsSync(assets)) fs.cpSync(assets, content, { recursive: true })
  const config = resolveConfig({}, 'test', { title: '駒澤大学 講義資料', author: '浅川 伸一', base: SEED_BASE, url: SEED_ORIGIN })
  const out = path.join(dir, '_site')
  const result = await build({
    config,
    contentDir: content,
    outDir: out,
    templatesDir: path.join(projectRoot, 'templates'),
    assetsDir: path.join(projectRoot, 'assets'),
    cwd: dir,
  })
  return { out, result, config }
}
