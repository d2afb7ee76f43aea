/**
 * Cache-safe asset names: the theme's CSS and JavaScript and KaTeX's stylesheet are published
 * under names carrying a hash of their content, so a redeploy that changes them changes the
 * names the HTML asks for, and a browser never mixes a cached old stylesheet with new pages.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../src/config.js'
import { build } from '../src/stages/build.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'

async function buildWithTheme(css: string): Promise<{ out: string; html: string }> {
  const { dir, content, out } = tempProject({ 'c/a.md': '# A\n' })
  const assets = path.join(dir, 'assets')
  fs.cpSync(path.join(projectRoot, 'assets'), assets, { recursive: true })
  fs.writeFileSync(path.join(assets, 'kogi', 'kogi.css'), css)
  const result = await build({ config: resolveConfig({}, 'test', { base: '/kogi/' }), contentDir: content, outDir: out, templatesDir: path.join(projectRoot, 'templates'), assetsDir: assets, cwd: dir })
  expect(result.errors).toBe(0)
  return { out, html: fs.readFileSync(path.join(out, 'c/a/index.html'), 'utf8') }
}

const themeRefs = (html: string) => [...html.matchAll(/(?:href|src)="\/kogi\/(_kogi\/[^"]+)"/g)].map((m) => m[1]!)

describe('theme file names', () => {
  it('carry the hash of their content, and every one the HTML names exists', async () => {
    const { out, html } = await buildWithTheme('body { color: #111 }\n')
    const refs = themeRefs(html)
    expect(refs.filter((r) => /\.(css|js)$/.test(r))).toHaveLength(3)
    for (const ref of refs) {
      const data = fs.readFileSync(path.join(out, ref))
      const hash = /\.([0-9a-f]{10})\.[a-z]+$/.exec(ref)?.[1]
      expect(hash, ref).toBe(crypto.createHash('sha256').update(data).digest('hex').slice(0, 10))
    }
  })

  it('change when the theme changes, and only the changed file gets a new name', async () => {
    const a = themeRefs((await buildWithTheme('body { color: #111 }\n')).html)
    const b = themeRefs((await buildWithTheme('body { color: #222 }\n')).html)
    const css = (refs: string[]) => refs.find((r) => /^_kogi\/kogi\.[0-9a-f]{10}\.css$/.test(r))
    expect(css(a)).toBeDefined()
    expect(css(a)).not.toBe(css(b))
    expect(a.filter((r) => r !== css(a))).toEqual(b.filter((r) => r !== css(b)))
  })

  it('leave no unhashed copy of the theme behind', async () => {
    const { out } = await buildWithTheme('body {}\n')
    const names = fs.readdirSync(path.join(out, '_kogi'))
    expect(names.filter((n) => /\.(css|js|svg)$/.test(n) && !/\.[0-9a-f]{10}\.[a-z]+$/.test(n))).toEqual([])
    expect(fs.existsSync(path.join(out, 'assets', 'kogi'))).toBe(false)
  })
})
