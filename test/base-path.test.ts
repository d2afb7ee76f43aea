/**
 * A project site on GitHub Pages lives under /<repo>/: built with `--base /kogi/` and served
 * under /kogi/, every internal URL of every page (links, images, srcset, stylesheets and their
 * `url()`s, scripts, the favicon, canonical and Open Graph URLs, the sitemap) starts with /kogi/
 * and resolves — except exactly the files the link check reported missing.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, resolveConfig } from '../src/config.js'
import { build, type BuildResult } from '../src/stages/build.js'
import { serve } from './helpers/browser.js'
import { siteUrls, statuses, type FoundUrl } from './helpers/crawl.js'
import { projectRoot, sharedDir } from './helpers/shared.js'
import { tempProject } from './helpers/build.js'

const BASE = '/kogi/'
const ORIGIN = 'https://example.github.io'

interface Served {
  out: string
  result: BuildResult
  urls: FoundUrl[]
  status: Map<string, number>
  site: Awaited<ReturnType<typeof serve>>
}

async function buildAndCrawl(contentDir: string, config: ReturnType<typeof loadConfig>, cwd: string): Promise<Served> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-base-')), '_site')
  const result = await build({ config, contentDir, outDir: out, templatesDir: path.join(projectRoot, 'templates'), assetsDir: path.join(projectRoot, 'assets'), cwd })
  const site = await serve(out, BASE)
  const urls = siteUrls(out, ORIGIN, BASE)
  return { out, result, urls, site, status: await statuses(site.url, urls.map((u) => u.path)) }
}

const broken = (s: Served) => s.urls.filter((u) => s.status.get(u.path) !== 200)
const missingReported = (s: Served) =>
  s.result.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'missing-asset' || m.ruleId === 'broken-link')

describe('the seed site under /kogi/', () => {
  let seed: Served

  beforeAll(async () => {
    seed = await buildAndCrawl(path.join(projectRoot, 'content'), loadConfig(projectRoot, { base: BASE, url: ORIGIN }), projectRoot)
  })
  afterAll(() => seed?.site.close())

  it('finds the URLs of every kind of reference', () => {
    const kinds = new Set(seed.urls.map((u) => u.kind))
    for (const kind of ['a[href]', 'img[src]', 'link[href]', 'script[src]', 'meta[content]', 'css url()', 'sitemap']) expect(kinds, kind).toContain(kind)
    expect(seed.urls.length).toBeGreaterThan(50)
  })

  it('prefixes every internal URL with the base path', () => {
    expect(seed.urls.filter((u) => !u.path.startsWith(BASE))).toEqual([])
  })

  it('has zero broken links between pages', () => {
    expect(broken(seed).filter((u) => u.kind === 'a[href]')).toEqual([])
  })

  it('fails to load exactly the files the link check reported, and nothing else', () => {
    const reported = missingReported(seed).map((m) => /"([^"]+)"/.exec(String(m.reason))![1]!)
    const failed = [...new Set(broken(seed).map((u) => u.path.slice(BASE.length - 1)))]
    expect(failed.sort()).toEqual([...new Set(reported)].sort())
    // The seed's figures that are not in the repository, and the Jekyll stylesheet it links,
    // each at its line of the lecture.
    expect(missingReported(seed).map((m) => [m.file, m.line, m.ruleId])).toEqual([6, 9, 71, 85, 118, 129, 144, 160, 182].map((line) => ['content/2024ai/2024ai_lect20.md', line, 'missing-asset']))
  })

  it('answers an unknown address with the 404 page, whose links work at any depth', async () => {
    const response = await fetch(seed.site.url + 'no/such/lecture/')
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toContain('ページが見つかりません')
    expect(html).toContain(`href="${BASE}"`)
  })
})

describe('a site using every kind of reference, under /kogi/', () => {
  let s: Served

  beforeAll(async () => {
    const { dir, content } = tempProject({
      'c/a.md': [
        '# A',
        '',
        '[next](b.md#part-2) [same folder](./b) [up](../) [notes](files/n.pdf)',
        '',
        '![fig](img/fig.png)',
        '',
        '<picture><source srcset="img/fig.png 1x, /c/img/fig.png 2x"><img src="/c/img/fig.png" alt=""></picture>',
        '',
        '<video src="media/clip.mp4" poster="img/fig.png"></video>',
        '',
        '<iframe src="/c/b/"></iframe>',
        '',
        '<div style="background: url(img/fig.png) no-repeat">styled</div>',
        '',
        "<style>.hero { background-image: url('/c/img/fig.png') }</style>",
        '',
      ].join('\n'),
      'c/b.md': '# B\n\n<h2 id="part-2">Part 2</h2>\n',
      'c/img/fig.png': Buffer.from('89504e470d0a1a0a', 'hex'),
      'c/files/n.pdf': '%PDF',
      'c/media/clip.mp4': 'mp4',
    })
    s = await buildAndCrawl(content, resolveConfig({}, 'test', { base: BASE, url: ORIGIN }), dir)
  })
  afterAll(() => s?.site.close())

  it('reports nothing and every URL found resolves', () => {
    expect(s.result.warnings).toBe(0)
    expect(s.urls.filter((u) => !u.path.startsWith(BASE))).toEqual([])
    expect(broken(s)).toEqual([])
    expect(s.urls.filter((u) => u.kind === 'html css url()').map((u) => u.path)).toEqual(['/kogi/c/img/fig.png', '/kogi/c/img/fig.png'])
    const kinds = new Set(s.urls.map((u) => u.kind))
    for (const kind of ['source[srcset]', 'video[src]', 'video[poster]', 'iframe[src]', 'html css url()']) expect(kinds, kind).toContain(kind)
  })
})

const seedAssets = path.join(sharedDir, 'seed-assets')
if (!fs.existsSync(seedAssets)) console.warn(`[kogi tests] ${seedAssets} is absent: the seed-with-its-images test is skipped (a fresh clone has no ../shared)`)

describe.runIf(fs.existsSync(seedAssets))('the seed with the images the instructor has, under /kogi/', () => {
  let s: Served

  beforeAll(async () => {
    // A copy in a temporary folder, as a local preview would have it; nothing enters the repository.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-seed-assets-'))
    fs.cpSync(path.join(projectRoot, 'content'), path.join(dir, 'content'), { recursive: true })
    fs.cpSync(path.join(seedAssets, '2024assets'), path.join(dir, 'content', '2024assets'), { recursive: true })
    fs.cpSync(path.join(seedAssets, 'assets'), path.join(dir, 'content', 'assets'), { recursive: true })
    s = await buildAndCrawl(path.join(dir, 'content'), loadConfig(projectRoot, { base: BASE, url: ORIGIN }), dir)
  })
  afterAll(() => s?.site.close())

  it('reports and fails to load only what is still missing', () => {
    expect(missingReported(s).map((m) => [m.line, /"([^"]+)"/.exec(String(m.reason))![1]])).toEqual([
      [6, '/css/asamarkdown.css'],
      [182, '/2024assets/2022_0915sbert_staircoco500.svg'],
    ])
    expect([...new Set(broken(s).map((u) => u.path))].sort()).toEqual(['/kogi/2024assets/2022_0915sbert_staircoco500.svg', '/kogi/css/asamarkdown.css'])
  })
})
