/**
 * Links and images written with the site's own public address (the config's `url` and `base`,
 * which `kogi init` takes from Jekyll's `url` and `baseurl`) point to the local file, with the
 * base path, and the link check checks them like local links, at the line and column where
 * the author wrote them. The exact HTML of one page is in test/fixtures/own-address.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ownSitePath } from '../src/plugins/rehype-urls.js'
import { loadConfig } from '../src/config.js'
import { build } from '../src/stages/build.js'
import { formatReport } from '../src/stages/report.js'
import { init } from '../src/init/init.js'
import { buildFiles } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'

const PNG = Buffer.from('89504e470d0a1a0a', 'hex')

const LECTURE = [
  '# One',
  '',
  'Next: [two](https://user.github.io/repo/2023/lect02) and [the old one](https://user.github.io/repo/2023/lect99#top).',
  '',
  '![fig](https://user.github.io/repo/assets/x.png) ![gone](http://user.github.io/repo/assets/y.png)',
  '',
  '[elsewhere](https://user.github.io/other/x)',
  '',
].join('\n')

const links = (html: string) => [...html.matchAll(/<(?:a|img) (?:href|src)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !u!.startsWith('/repo/_kogi/'))
const problems = (b: Awaited<ReturnType<typeof buildFiles>>) =>
  b.result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'broken-link' || m.ruleId === 'missing-asset').map((m) => [m.file, m.line, m.column, m.ruleId, m.reason]))

describe('the site path of a URL written with the site’s own address', () => {
  it('is the path below url + base, whatever the scheme or the host’s case', () => {
    expect(ownSitePath('https://user.github.io/repo/2023/lect01', 'https://user.github.io', '/repo/')).toBe('/2023/lect01')
    expect(ownSitePath('http://User.GitHub.io/repo/a.png?v=1#x', 'https://user.github.io', '/repo/')).toBe('/a.png?v=1#x')
    expect(ownSitePath('//user.github.io/repo/', 'https://user.github.io', '/repo/')).toBe('/')
    expect(ownSitePath('https://user.github.io/repo', 'https://user.github.io', '/repo/')).toBe('/')
    expect(ownSitePath('https://user.github.io/repo#top', 'https://user.github.io', '/repo/')).toBe('/#top')
    expect(ownSitePath('https://user.github.io', 'https://user.github.io', '/')).toBe('/')
    expect(ownSitePath('https://komazawa-deep-learning.github.io/assets/a.svg', 'https://komazawa-deep-learning.github.io', '/')).toBe('/assets/a.svg')
    // As the corpus writes them: a final dot after the host, a doubled slash after it.
    expect(ownSitePath('https://komazawa-deep-learning.github.io./assets/colab_icon.svg', 'https://komazawa-deep-learning.github.io', '/')).toBe('/assets/colab_icon.svg')
    expect(ownSitePath('https://komazawa-deep-learning.github.io//ban-of-p-values/', 'https://komazawa-deep-learning.github.io', '/')).toBe('/ban-of-p-values/')
  })

  it('is undefined for another site on the same host, another host, or no url', () => {
    expect(ownSitePath('https://user.github.io/repository/x', 'https://user.github.io', '/repo/')).toBeUndefined()
    expect(ownSitePath('https://user.github.io/other/x', 'https://user.github.io', '/repo/')).toBeUndefined()
    expect(ownSitePath('https://user.github.io.evil.org/repo/x', 'https://user.github.io', '/repo/')).toBeUndefined()
    expect(ownSitePath('https://user.github.io/repo/x', '', '/repo/')).toBeUndefined()
    expect(ownSitePath('/repo/x', 'https://user.github.io', '/repo/')).toBeUndefined()
  })
})

describe('a build with the config’s url', () => {
  it('points own links to local files with the base path and reports those with no file at their place', async () => {
    const b = await buildFiles({ '2023/lect01.md': LECTURE, '2023/lect02.md': '# Two\n', 'assets/x.png': PNG }, { url: 'https://user.github.io', base: '/repo/' })
    expect(links(b.read('2023/lect01/index.html')).filter((u) => !/^\/repo\/(2023\/)?$/.test(u!))).toEqual(['/repo/2023/lect02/', '/repo/2023/lect99#top', '/repo/assets/x.png', '/repo/assets/y.png', 'https://user.github.io/other/x'])
    expect(problems(b)).toEqual([
      ['content/2023/lect01.md', 3, 58, 'broken-link', 'broken link "https://user.github.io/repo/2023/lect99#top" (/2023/lect99): no page or file at that address'],
      ['content/2023/lect01.md', 5, 50, 'missing-asset', 'missing image "http://user.github.io/repo/assets/y.png" (/assets/y.png): put the file at content/assets/y.png or assets/y.png'],
    ])
  })

  it('leaves the same URLs external without a url', async () => {
    const b = await buildFiles({ '2023/lect01.md': LECTURE, '2023/lect02.md': '# Two\n', 'assets/x.png': PNG }, { base: '/repo/' })
    expect(links(b.read('2023/lect01/index.html')).filter((u) => u!.startsWith('http'))).toEqual([
      'https://user.github.io/repo/2023/lect02',
      'https://user.github.io/repo/2023/lect99#top',
      'https://user.github.io/repo/assets/x.png',
      'http://user.github.io/repo/assets/y.png',
      'https://user.github.io/other/x',
    ])
    expect(problems(b)).toEqual([])
  })
})

describe('a repository root with Jekyll’s url and baseurl', () => {
  it('takes its own address from _config.yml through kogi init', { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-own-'))
    const files: Record<string, string | Buffer> = { '_config.yml': 'title: Lectures\nurl: "https://user.github.io"\nbaseurl: "/repo"\n', '2023/lect01.md': LECTURE, '2023/lect02.md': '# Two\n', 'assets/x.png': PNG }
    for (const [rel, data] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
      fs.writeFileSync(path.join(dir, rel), data)
    }
    init(dir)
    const config = loadConfig(dir)
    expect([config.content, config.url, config.base]).toEqual(['.', 'https://user.github.io', '/repo/'])
    const out = path.join(dir, '_site')
    const result = await build({ config, contentDir: dir, outDir: out, templatesDir: path.join(projectRoot, 'templates'), assetsDir: path.join(dir, 'assets'), cwd: dir, workers: 0 })
    expect(links(fs.readFileSync(path.join(out, '2023', 'lect01', 'index.html'), 'utf8')).filter((u) => !/^\/repo\/(2023\/)?$/.test(u!))).toEqual(['/repo/2023/lect02/', '/repo/2023/lect99#top', '/repo/assets/x.png', '/repo/assets/y.png', 'https://user.github.io/other/x'])
    expect(formatReport(result.files).split('\n').filter((l) => /broken-link|missing-asset/.test(l))).toEqual([
      '2023/lect01.md:3:58  warning  broken link "https://user.github.io/repo/2023/lect99#top" (/2023/lect99): no page or file at that address  broken-link kogi',
      '2023/lect01.md:5:50  warning  missing image "http://user.github.io/repo/assets/y.png" (/assets/y.png): put the file at assets/y.png  missing-asset kogi',
    ])
  })
})
