/**
 * The theme comes from kogi; a file at the same path in the project replaces just that file:
 * an include, a stylesheet of the theme.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../src/config.js'
import { build } from '../src/stages/build.js'
import { tempProject } from './helpers/build.js'

describe('theme files overridden one by one', () => {
  it('uses the project’s footer and kogi.css, and kogi’s own for everything else', { timeout: 60_000 }, async () => {
    const { dir, content, out } = tempProject({ 'c/a.md': '# 一\n' })
    const mine = { 'templates/includes/footer.liquid': '<footer class="mine">{{ site.title }}</footer>\n', 'assets/kogi/kogi.css': '.mine { color: red }\n' }
    for (const [rel, text] of Object.entries(mine)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
      fs.writeFileSync(path.join(dir, rel), text)
    }
    const result = await build({ config: resolveConfig({ title: '講義' }, 'test'), contentDir: content, outDir: out, templatesDir: path.join(dir, 'templates'), assetsDir: path.join(dir, 'assets'), cwd: dir })
    expect(result.errors).toBe(0)
    const page = fs.readFileSync(path.join(out, 'c', 'a', 'index.html'), 'utf8')
    expect(page).toContain('<footer class="mine">講義</footer>')
    expect(page).toContain('<a class="skip-link" href="#main">本文へ移動</a>')
    const css = fs.readdirSync(path.join(out, '_kogi')).find((f) => /^kogi\.[0-9a-f]{10}\.css$/.test(f))!
    const bundle = fs.readFileSync(path.join(out, '_kogi', css), 'utf8')
    expect(bundle.startsWith('/* kogi.css */\n.mine { color: red }\n')).toBe(true)
    expect(bundle).toContain('/* search.css */')
    expect(fs.existsSync(path.join(out, 'assets'))).toBe(false)
  })
})
