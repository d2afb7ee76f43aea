/**
 * The command line: exit codes, config errors before any page is read, --strict, the summary
 * line, and refusing an output folder that overlaps the sources.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { captureStderr } from './helpers/stderr.js'
import { project } from './helpers/cli-project.js'
import { SETTABLE_RULES } from '../src/report/rules.js'

const stderr = captureStderr()

describe('kogi build', () => {
  it('exits 0 and ends with one summary line', async () => {
    const dir = project({ 'c/a.md': '# a\n' })
    expect(await main(['build', '--root', dir])).toBe(0)
    expect(stderr.text.trimEnd().split('\n').at(-1)).toMatch(/^kogi: 3 pages, 0 warnings, 0 errors in \d+\.\d\ds → /)
    expect(fs.existsSync(path.join(dir, '_site/c/a/index.html'))).toBe(true)
  })

  it('exits 0 with a warning, and 1 with --strict', async () => {
    const dir = project({ 'c/a.md': '$\\nope$\n' })
    expect(await main(['build', '--root', dir])).toBe(0)
    expect(stderr.text).toContain('content/c/a.md:1:1  warning  Undefined control sequence: \\nope')
    expect(await main(['build', '--root', dir, '--strict'])).toBe(1)
  })

  it('check fails on a warning and names no output folder, since it keeps none', async () => {
    const dir = project({ 'c/a.md': '$\\nope$\n' })
    expect(await main(['check', '--root', dir])).toBe(1)
    expect(stderr.text.trimEnd().split('\n').at(-1)).toMatch(/^kogi: 3 pages, 1 warning, 0 errors in \d+\.\d\ds$/)
    expect(fs.existsSync(path.join(dir, '_site'))).toBe(false)
  })

  it('exits 1 when a page cannot be rendered, and writes the other pages', async () => {
    const dir = project({ 'c/a.md': '# a\n' })
    expect(await main(['build', '--root', dir])).toBe(0)
    fs.writeFileSync(path.join(dir, 'content/c/a.md'), '# changed\n')
    fs.writeFileSync(path.join(dir, 'content/c/b.md'), '---\ntitle: [\n---\n')
    stderr.clear()
    expect(await main(['build', '--root', dir])).toBe(1)
    expect(stderr.text).toContain('content/c/b.md:2:9  error  invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ]  front-matter kogi')
    expect(stderr.text.trimEnd().split('\n').at(-1)).toBe('kogi: the pages without errors were written; of those with errors, 1 is left out')
    expect(fs.readFileSync(path.join(dir, '_site/c/a/index.html'), 'utf8')).toContain('changed')
    expect(fs.existsSync(path.join(dir, '_site/c/b'))).toBe(false)
    expect(fs.readdirSync(dir).filter((n) => n.includes('kogi-tmp'))).toEqual([])
  })

  it('exits 1 and leaves the previous site when a template is broken', async () => {
    const dir = project({ 'c/a.md': '# a\n' })
    expect(await main(['build', '--root', dir])).toBe(0)
    const before = fs.readFileSync(path.join(dir, '_site/c/a/index.html'), 'utf8')
    fs.writeFileSync(path.join(dir, 'content/c/a.md'), '# changed\n')
    fs.writeFileSync(path.join(dir, 'templates/layouts/page.liquid'), '{% if %}')
    expect(await main(['build', '--root', dir])).toBe(1)
    expect(stderr.text.trimEnd().split('\n').at(-1)).toBe('kogi: the previous site was left as it was')
    expect(fs.readFileSync(path.join(dir, '_site/c/a/index.html'), 'utf8')).toBe(before)
    expect(fs.readdirSync(dir).filter((n) => n.includes('kogi-tmp'))).toEqual([])
  })

  it.each([
    [{ titel: 'x' }, 'kogi.config.json: `titel` is not a known key; did you mean "title"? (known: title, author, lang, base, url, description, macros, theme, termLinks, rules, repository, branch, content, exclude, include), got "x"'],
    [{ termlinks: false }, 'kogi.config.json: `termlinks` is not a known key; did you mean "termLinks"? (known: title, author, lang, base, url, description, macros, theme, termLinks, rules, repository, branch, content, exclude, include), got false'],
    [{ colour: 'red' }, 'kogi.config.json: `colour` is not a known key (known: title, author, lang, base, url, description, macros, theme, termLinks, rules, repository, branch, content, exclude, include), got "red"'],
    [{ rules: ['img-alt'] }, 'kogi.config.json: `rules` must be an object such as {"img-alt": "off"}, got ["img-alt"]'],
    [{ rules: { img_alt: 'off' } }, `kogi.config.json: \`rules\` names an unknown rule "img_alt"; did you mean "img-alt"? (rules: ${SETTABLE_RULES.join(', ')}), got {"img_alt":"off"}`],
    [{ rules: { 'front-matter': 'off' } }, 'kogi.config.json: `rules` cannot set "front-matter": that problem stops a page from being built, so it is always reported, got {"front-matter":"off"}'],
    [{ rules: { sitemap: 'error' } }, 'kogi.config.json: `rules` cannot set "sitemap": it is a note that only --verbose shows, got {"sitemap":"error"}'],
    [{ rules: { 'img-alt': 'of' } }, 'kogi.config.json: `rules` gives "img-alt" the level "of", but a level is "off", "warning", "error", got {"img-alt":"of"}'],
    [{ title: 3 }, 'kogi.config.json: `title` must be a string, got 3'],
    [{ base: 'kogi/' }, 'kogi.config.json: `base` must be a path starting with "/", such as "/" or "/kogi/", got "kogi/"'],
    [{ macros: { R: '\\mathbb{R}' } }, 'kogi.config.json: `macros` has key "R", but keys must be TeX control sequences such as "\\\\R", got {"R":"\\\\mathbb{R}"}'],
  ])('stops on a bad config %j before reading any page, exit 2', async (config, message) => {
    const dir = project({ 'c/a.md': '---\ntitle: [\n---\n' }, config)
    expect(await main(['build', '--root', dir])).toBe(2)
    expect(stderr.text.split('\n')[0]).toBe(`kogi: ${message}`)
    expect(stderr.text).not.toContain('front matter')
  })

  it('rejects a --format it does not know', async () => {
    expect(await main(['build', '--root', project({}), '--format', 'json'])).toBe(2)
    expect(stderr.text.split('\n')[0]).toBe('kogi: --format must be plain or github, got "json"')
  })

  it('rejects a --base without a leading slash, naming the flag', async () => {
    const dir = project({})
    expect(await main(['build', '--root', dir, '--base', 'kogi'])).toBe(2)
    expect(stderr.text.split('\n')[0]).toBe('kogi: command line: `base` must be a path starting with "/", such as "/" or "/kogi/", got "kogi"')
  })

  it('refuses to write into content/ or assets/', async () => {
    const dir = project({ 'c/a.md': '# a\n' })
    for (const out of ['content/site', 'assets', '.']) {
      stderr.clear()
      expect(await main(['build', '--root', dir, '--out', path.join(dir, out)])).toBe(1)
      expect(stderr.text).toMatch(/overlaps the (content|assets|templates) folder/)
    }
    expect(fs.existsSync(path.join(dir, 'content/site'))).toBe(false)
  })

  it('never changes content/ or assets/', async () => {
    const dir = project({ 'c/a.md': '# a\n\n![x](img.png)\n', 'c/img.png': 'png' })
    const snapshot = (d: string) => fs.readdirSync(d, { recursive: true, withFileTypes: false }).map((f) => `${f}:${fs.statSync(path.join(d, String(f))).mtimeMs}`).sort()
    const before = [snapshot(path.join(dir, 'content')), snapshot(path.join(dir, 'assets'))]
    await main(['build', '--root', dir])
    await main(['build', '--root', dir, '--strict'])
    expect([snapshot(path.join(dir, 'content')), snapshot(path.join(dir, 'assets'))]).toEqual(before)
  })

  it('rejects unknown commands and flags with the usage', async () => {
    expect(await main(['bild'])).toBe(2)
    expect(stderr.text).toContain('kogi: unknown command "bild"')
    expect(await main(['build', '--nope'])).toBe(2)
    expect(stderr.text).toContain("Unknown option '--nope'")
  })
})

describe('rule levels in kogi.config.json', () => {
  const lecture = { 'c/a.md': '![](gone.png)\n\n$\\nope$\n' }
  const last = () => stderr.text.trimEnd().split('\n').at(-1)!
  const rel = (dir: string) => path.relative(process.cwd(), path.join(dir, 'content/c/a.md'))

  it('"off" drops a rule\'s problems from the report, the count, --strict and check', async () => {
    const dir = project(lecture, { rules: { katex: 'off' } })
    expect(await main(['build', '--root', dir])).toBe(0)
    expect(stderr.text).toContain(`${rel(dir)}:1:1  warning  missing image "gone.png"`)
    expect(stderr.text).not.toContain('katex')
    expect(last()).toMatch(/^kogi: 3 pages, 1 warning, 0 errors in /)
    expect(await main(['build', '--root', dir, '--strict'])).toBe(1)
    fs.writeFileSync(path.join(dir, 'kogi.config.json'), JSON.stringify({ rules: { katex: 'off', 'missing-asset': 'off' } }))
    stderr.clear()
    expect(await main(['build', '--root', dir, '--strict'])).toBe(0)
    expect(last()).toMatch(/^kogi: 3 pages, 0 warnings, 0 errors in /)
    expect(await main(['check', '--root', dir])).toBe(0)
  })

  it('are no part of the page cache: changing them renders no page again', async () => {
    const dir = project(lecture)
    expect(await main(['build', '--root', dir])).toBe(0)
    fs.writeFileSync(path.join(dir, 'kogi.config.json'), JSON.stringify({ rules: { 'img-alt': 'off' } }))
    stderr.clear()
    expect(await main(['build', '--root', dir, '--verbose'])).toBe(0)
    expect(stderr.text).toMatch(/^kogi: 3 of 3 pages from the cache; /m)
  })

  it('"error" makes a rule\'s problems errors: the site is written and the build fails', async () => {
    const dir = project(lecture, { rules: { 'missing-asset': 'error', katex: 'warning' } })
    expect(await main(['build', '--root', dir])).toBe(1)
    expect(stderr.text.trimEnd().split('\n')).toEqual([
      `${rel(dir)}:1:1  error  missing image "gone.png" (/c/gone.png): put the file at ${path.relative(process.cwd(), path.join(dir, "content/c/gone.png"))}  missing-asset kogi`,
      `${rel(dir)}:3:1  warning  Undefined control sequence: \\nope at position 1: \\̲n̲o̲p̲e̲  katex kogi`,
      expect.stringMatching(/^kogi: 3 pages, 1 warning, 1 error in \d+\.\d\ds → /),
      'kogi: kogi.config.json sets these rules to "error": missing-asset',
    ])
    expect(fs.existsSync(path.join(dir, '_site/c/a/index.html'))).toBe(true)
    expect(await main(['check', '--root', dir])).toBe(1)
  })
})

describe('problems new since the last build', () => {
  it('are counted and marked in the grouped report of the next build', async () => {
    const images = Array.from({ length: 11 }, (_, i) => `![](gone${i}.png)`).join('\n\n')
    const dir = project({ 'c/a.md': images + '\n' })
    expect(await main(['build', '--root', dir])).toBe(0)
    expect(stderr.text).not.toContain('new')
    fs.writeFileSync(path.join(dir, 'content/c/a.md'), '[x](nowhere.html)\n\n' + images + '\n')
    stderr.clear()
    expect(await main(['build', '--root', dir])).toBe(0)
    const rel = path.relative(process.cwd(), path.join(dir, 'content/c/a.md'))
    expect(stderr.text.split('\n').slice(0, 3)).toEqual([
      'warnings',
      `   1  broken links, 1 new       broken-link    ${rel}:1 (new)`,
      `  11  missing images and files  missing-asset  ${rel}:3, ${rel}:5, ${rel}:7 … and 8 more`,
    ])
  })
})
