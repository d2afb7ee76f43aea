/**
 * A Jekyll repository built as it is, after `kogi init`: the root is the content folder, and what
 * Jekyll would not publish is not published. The layout the repository has in templates/
 * replaces kogi's, and only that file. Uses a small part of the instructor's repository.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { build } from '../src/stages/build.js'
import { formatReport } from '../src/stages/report.js'
import { init } from '../src/init/init.js'
import { corpusDir } from './helpers/shared.js'

const corpus = corpusDir()

/** The repository: Jekyll's files, the legacy home page, css/, one course's index and two lectures, and what npm and git leave. */
function repository(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-repo-'))
  for (const rel of ['_config.yml', 'Gemfile', 'Gemfile.lock', '_layouts', '_includes', 'index.html', 'css', '2024cogpsy/index.md', '2024cogpsy/2024cogpsy_lect04.md', '2024cogpsy/2024cogpsy_lect08.md']) {
    fs.cpSync(path.join(from, rel), path.join(dir, rel), { recursive: true })
  }
  const extra: Record<string, string> = {
    'package.json': '{ "name": "lectures", "private": true }\n',
    'package-lock.json': '{}\n',
    'node_modules/kogi/package.json': '{}\n',
    'vendor/bundle/ruby/gem.rb': '\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    'drafts/next.md': '# next year\n',
    'templates/layouts/default.liquid': '<!doctype html>\n<html lang="{{ site.lang }}">\n{% include head %}\n<body class="mine">{{ content | raw }}</body>\n</html>\n',
  }
  for (const [rel, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), text)
  }
  fs.appendFileSync(path.join(dir, '_config.yml'), '\nexclude:\n  - drafts\n')
  fs.appendFileSync(path.join(dir, '2024cogpsy', '2024cogpsy_lect08.md'), '\n![図](../assets/none.png)\n')
  return dir
}

describe.skipIf(!corpus)('the repository root as content', () => {
  it('publishes the lectures and the author’s files, none of Jekyll’s, npm’s or kogi’s own', { timeout: 120_000 }, async () => {
    const dir = repository(corpus!)
    init(dir)
    const config = loadConfig(dir)
    expect([config.title, config.content, config.exclude]).toEqual(['ディープラーニングの心理学的解釈', '.', ['drafts']])
    const legacy = fs.readFileSync(path.join(dir, 'index.html'), 'utf8')
    const result = await build({ config, contentDir: dir, outDir: path.join(dir, '_site'), templatesDir: path.join(dir, 'templates'), assetsDir: path.join(dir, 'assets'), cwd: dir, workers: 1 })
    expect(result.errors).toBe(0)
    const out = path.join(dir, '_site')
    expect(fs.readdirSync(out).sort()).toEqual(['.kogi-site', '2024cogpsy', '404.html', '_kogi', 'css', 'index.html', 'robots.txt'].sort())
    expect(fs.readdirSync(path.join(out, '2024cogpsy')).sort()).toEqual(['2024cogpsy_lect04', '2024cogpsy_lect08', 'index.html'])
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toBe(legacy)
    expect(formatReport(result.files, true)).toContain(
      "index.html:1:1  warning  this static page is the site's home page, as in Jekyll; kogi's own home page (the list of courses) is not written  static-home kogi",
    )
    // The hint names the place in the repository itself.
    expect(formatReport(result.files)).toMatch(/^2024cogpsy\/2024cogpsy_lect08\.md:\d+:1 {2}warning {2}missing image "\.\.\/assets\/none\.png" \(\/assets\/none\.png\): put the file at assets\/none\.png {2}missing-asset kogi$/m)
    // The repository's own default layout, with kogi's head include from the package.
    const lecture = fs.readFileSync(path.join(out, '2024cogpsy', '2024cogpsy_lect04', 'index.html'), 'utf8')
    expect(lecture).toMatch(/^<!doctype html>\n<html lang="ja">\n<head>/)
    expect(lecture).toContain('<body class="mine">')
    expect(lecture).toMatch(/<link rel="stylesheet" href="\/_kogi\/kogi\.[0-9a-f]{10}\.css">/)
  })
})
