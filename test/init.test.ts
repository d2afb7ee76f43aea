/**
 * `kogi init` in a repository: the config from Jekyll's _config.yml, npm scripts added beside the
 * author's own, the Pages workflow, .gitignore lines; a second run changes nothing, and no file
 * that says something else is replaced.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { init } from '../src/init/init.js'
import { loadConfig } from '../src/config.js'
import { WORKFLOW } from '../src/init/workflow.js'

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-init-'))
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), text)
  }
  return dir
}

function snapshot(dir: string): Record<string, string> {
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((rel) => fs.statSync(path.join(dir, rel)).isFile())
  return Object.fromEntries(files.sort().map((rel) => [rel, fs.readFileSync(path.join(dir, rel), 'utf8')]))
}

const jekyll = `title: "ディープラーニングの心理学的解釈"
description: >- # folded
  Deep learning for psychology
  駒澤大学文学部
baseurl: "/lectures" # the subpath
url: "https://example.github.io/"
markdown: kramdown
exclude:
  - Gemfile
  - Gemfile.lock
  - drafts/
  - "*.ipynb"
include:
  - _pages
markdown: kramdown
`

describe('kogi init', () => {
  it('writes the config from _config.yml, scripts, the workflow and .gitignore lines', () => {
    const dir = repo({ '_config.yml': jekyll, '.gitignore': '/_site\n.DS_Store', 'index.md': '# home\n' })
    expect(init(dir)).toEqual([
      'kogi.config.json: written (content folder ".", title and address from _config.yml)',
      'package.json: written with scripts build, dev, check, preview',
      '.github/workflows/pages.yml: written',
      '.gitignore: added .cache/, node_modules/',
    ])
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'kogi.config.json'), 'utf8'))).toEqual({
      title: 'ディープラーニングの心理学的解釈',
      description: 'Deep learning for psychology 駒澤大学文学部',
      base: '/lectures/',
      url: 'https://example.github.io',
      content: '.',
      exclude: ['drafts/', '*.ipynb'],
      include: ['_pages'],
    })
    expect(loadConfig(dir).content).toBe('.')
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))).toEqual({
      name: path.basename(dir).toLowerCase(),
      private: true,
      scripts: { build: 'kogi build', dev: 'kogi dev', check: 'kogi check', preview: 'kogi preview' },
    })
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('/_site\n.DS_Store\n.cache/\nnode_modules/\n')
    expect(fs.readFileSync(path.join(dir, '.github/workflows/pages.yml'), 'utf8')).toBe(WORKFLOW)
    expect(WORKFLOW).toContain('run: npm ci --no-audit --no-fund')
    expect(WORKFLOW).toContain('npm run build -- --format github --base')

    const before = snapshot(dir)
    expect(init(dir)).toEqual([
      'kogi.config.json: already there; left as it is',
      'package.json: scripts already there',
      '.github/workflows/pages.yml: already there',
      '.gitignore: already ignores _site/, .cache/ and node_modules/',
    ])
    expect(snapshot(dir)).toEqual(before)
  })

  it('keeps the author’s scripts and workflow, and says so', () => {
    const pkg = '{\n    "name": "course",\n    "scripts": {\n        "build": "jekyll build",\n        "check": "kogi check"\n    }\n}\n'
    const dir = repo({ 'package.json': pkg, '.github/workflows/pages.yml': 'name: jekyll\n', 'content/c/a.md': '# a\n' })
    expect(init(dir)).toEqual([
      'kogi.config.json: written (content folder "content")',
      'package.json: added scripts dev, preview',
      'package.json: script "build" runs `jekyll build`; left as it is (kogi\'s would run `kogi build`)',
      '.github/workflows/pages.yml: already there and different; left as it is',
      '.gitignore: added _site/, .cache/, node_modules/',
    ])
    expect(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).toBe(
      '{\n    "name": "course",\n    "scripts": {\n        "build": "jekyll build",\n        "check": "kogi check",\n        "dev": "kogi dev",\n        "preview": "kogi preview"\n    }\n}\n',
    )
    expect(fs.readFileSync(path.join(dir, '.github/workflows/pages.yml'), 'utf8')).toBe('name: jekyll\n')
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'kogi.config.json'), 'utf8'))).toEqual({ title: path.basename(dir), description: '', base: '/', url: '', content: 'content' })
  })

  it('names the line of a YAML mistake in _config.yml and writes nothing', () => {
    const dir = repo({ '_config.yml': 'title: ok\nexclude: [a, b\n' })
    expect(() => init(dir)).toThrow(/^_config\.yml:3:1: not valid YAML: /)
    expect(Object.keys(snapshot(dir))).toEqual(['_config.yml'])
  })
})
