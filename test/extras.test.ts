/**
 * The files a real site needs besides its pages: 404.html, sitemap.xml, robots.txt, a favicon,
 * and the meta tags a chat app reads when a student shares a lecture link.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildFiles, type TestBuild } from './helpers/build.js'

const lecture = '---\ntitle: 第3回 確率\ndate: 2024-10-25\n---\n\nこの回では確率分布と期待値を扱います。例題を通して条件付き確率の考え方を身につけます。\n'
const config = { base: '/kogi/', url: 'https://example.github.io', title: '講義資料' }

describe('with a site url and a base path', () => {
  let b: TestBuild
  let page: string

  beforeAll(async () => {
    b = await buildFiles({ 'ai/lect3.md': lecture, 'ai/index.md': '# AI\n' }, config)
    page = b.read('ai/lect3/index.html')
  })

  it('gives each lecture a description, Open Graph tags and a canonical URL under the base', () => {
    const description = 'この回では確率分布と期待値を扱います。例題を通して条件付き確率の考え方を身につけます。'
    expect(page).toContain(`<meta name="description" content="${description}">`)
    expect(page).toContain(`<meta property="og:description" content="${description}">`)
    expect(page).toContain('<meta property="og:title" content="第3回 確率">')
    expect(page).toContain('<meta property="og:type" content="article">')
    expect(page).toContain('<meta property="og:site_name" content="講義資料">')
    expect(page).toContain('<link rel="canonical" href="https://example.github.io/kogi/ai/lect3/">')
    expect(page).toContain('<meta property="og:url" content="https://example.github.io/kogi/ai/lect3/">')
    expect(b.read('ai/index.html')).toContain('<meta property="og:type" content="website">')
  })

  it('writes a sitemap of every page at its public address, with the lecture date', () => {
    const xml = b.read('sitemap.xml')
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])
    expect(locs.sort()).toEqual(['https://example.github.io/kogi/', 'https://example.github.io/kogi/ai/', 'https://example.github.io/kogi/ai/lect3/'])
    expect(xml).toContain('<url><loc>https://example.github.io/kogi/ai/lect3/</loc><lastmod>2024-10-25</lastmod></url>')
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9">/)
  })

  it('writes robots.txt naming the sitemap', () => {
    expect(b.read('robots.txt')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://example.github.io/kogi/sitemap.xml\n')
  })

  it('writes a 404 page in the site layout, not indexed, with links under the base', () => {
    const html = b.read('404.html')
    expect(html).toContain('<title>ページが見つかりません | 講義資料</title>')
    expect(html).toContain('<meta name="robots" content="noindex">')
    expect(html).not.toContain('rel="canonical"')
    expect(html).not.toContain('og:url')
    expect(html).toContain('<a href="/kogi/">ホームへ戻る</a>')
    expect(html).toContain('<a href="/kogi/ai/">AI</a>')
    expect(html).toMatch(/<link rel="stylesheet" href="\/kogi\/_kogi\/kogi\.[0-9a-f]{10}\.css">/)
  })

  it('links a content-hashed favicon that exists', () => {
    const href = /<link rel="icon" href="([^"]+)">/.exec(page)![1]!
    expect(href).toMatch(/^\/kogi\/_kogi\/favicon\.[0-9a-f]{10}\.svg$/)
    expect(b.read(href.slice('/kogi/'.length))).toContain('<svg')
  })
})

describe('without a site url', () => {
  it('writes no sitemap and says so with --verbose only, and no canonical URL', async () => {
    const b = await buildFiles({ 'ai/lect3.md': lecture })
    expect(fs.existsSync(path.join(b.out, 'sitemap.xml'))).toBe(false)
    expect(b.read('robots.txt')).toBe('User-agent: *\nAllow: /\n')
    expect(b.read('ai/lect3/index.html')).not.toContain('canonical')
    expect(b.result.warnings).toBe(0)
    const info = b.result.files.flatMap((f) => f.messages).find((m) => m.ruleId === 'sitemap')!
    expect(info.fatal).toBeUndefined()
  })
})

describe("the instructor's own files win", () => {
  it('keeps content/404.html, robots.txt and favicon.ico as they are, and links that favicon', async () => {
    const b = await buildFiles({ 'ai/lect3.md': lecture, '404.html': '<p>mine</p>', 'robots.txt': 'User-agent: *\nDisallow: /\n', 'favicon.ico': 'ico' }, config)
    expect(b.read('404.html')).toBe('<p>mine</p>')
    expect(b.read('robots.txt')).toBe('User-agent: *\nDisallow: /\n')
    expect(b.read('ai/lect3/index.html')).toContain('<link rel="icon" href="/kogi/favicon.ico">')
    expect(fs.readdirSync(path.join(b.out, '_kogi')).some((f) => f.startsWith('favicon.'))).toBe(false)
  })
})
