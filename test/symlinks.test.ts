/**
 * Symbolic links: one is followed only when its real path stays inside the content or assets
 * folder; any other (outside, into content's parent, a sibling folder, a chain that ends
 * outside, a loop, a link to itself) is a warning at the link's path, and nothing behind it is
 * read, published, rendered or indexed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.js'
import { build, type BuildResult } from '../src/stages/build.js'
import { formatReport } from '../src/stages/report.js'
import { SECRET, leaks, link, linkProject, published, type LinkProject } from './helpers/link-project.js'

async function buildIt(p: LinkProject): Promise<BuildResult> {
  return build({ config: loadConfig(p.dir), contentDir: p.content, outDir: p.out, templatesDir: path.join(p.dir, 'templates'), assetsDir: p.assets, cwd: p.dir })
}

/** Every message as [file, ruleId, fatal, reason]. */
function messages(result: BuildResult): unknown[][] {
  return result.files.flatMap((f) => f.messages.map((m) => [m.file, m.ruleId, m.fatal, m.reason]))
}

const OUT = 'leads outside the content and assets folders; not read'
/** What a project holding only content/c/a.md publishes, the theme apart. */
const BASE = ['404.html', 'c/a/index.html', 'c/index.html', 'index.html', 'robots.txt', 'sitemap.xml']

describe('symbolic links', () => {
  it('publishes nothing of /etc linked from content/ or assets/, and warns at each link', async () => {
    const p = linkProject()
    link(p.dir, { 'content/etcdir': '/etc', 'assets/etcdir': '/etc' })
    const result = await buildIt(p)
    expect(result.written).toBe(true)
    expect(messages(result)).toEqual([
      ['content/etcdir', 'symlink-outside', false, `symbolic link to /etc ${OUT}`],
      ['assets/etcdir', 'symlink-outside', false, `symbolic link to /etc ${OUT}`],
    ])
    expect(formatReport(result.files).split('\n')[1]).toBe(`content/etcdir:1:1  warning  symbolic link to /etc ${OUT}  symlink-outside kogi`)
    expect(published(p.out)).toEqual(BASE)
    expect(leaks(p.out)).toEqual([])
  })

  it('follows links that stay inside, warns at every other, and nothing from outside is published, rendered or indexed', async () => {
    const p = linkProject({ 'content/c/deep/ok.txt': 'ok', 'content/c/plain.txt': 'plain', 'assets/extra/x.txt': 'asset', 'content-private/notes.md': `# ${SECRET}\n` })
    link(p.dir, {
      'content/etc': '/etc',
      'content/out': '../outside',
      'content/up': '..',
      'content/sibling.md': '../content-private/notes.md',
      'content/secret.txt': '../outside/secret.txt',
      'content/chain1.txt': 'chain2.txt',
      'content/chain2.txt': '../outside/secret.txt',
      // Inside: followed, so its own links are checked again under its name.
      'content/alias': 'c',
      'content/c/leak': '../../outside',
      'content/c/back': '..',
      'content/loopA': 'loopB',
      'content/loopB': 'loopA',
      'content/self': 'self',
      // A chain through outside/ that ends inside reads only what is inside.
      'outside/back.txt': '../content/c/plain.txt',
      'content/round.txt': '../outside/back.txt',
      'content/toassets': '../assets/extra',
      'content/broken': 'nowhere',
      'assets/kogi/zz-evil.css': '../../outside/evil.css',
      'assets/kogi/favicon.svg': '../../outside/favicon.svg',
      'assets/etc': '/etc',
      'assets/fromcontent': '../content/c/deep',
    })
    const result = await buildIt(p)
    expect(result.written).toBe(true)
    const loop = 'leads back into a folder that holds it; not followed'
    expect(messages(result)).toEqual([
      ['content/alias/back', 'symlink-loop', false, `symbolic link to .. ${loop}`],
      ['content/alias/leak', 'symlink-outside', false, `symbolic link to ../../outside ${OUT}`],
      ['content/broken', 'symlink-broken', false, 'symbolic link to nowhere leads nowhere (ENOENT); skipped'],
      ['content/c/back', 'symlink-loop', false, `symbolic link to .. ${loop}`],
      ['content/c/leak', 'symlink-outside', false, `symbolic link to ../../outside ${OUT}`],
      ['content/chain1.txt', 'symlink-outside', false, `symbolic link to chain2.txt ${OUT}`],
      ['content/chain2.txt', 'symlink-outside', false, `symbolic link to ../outside/secret.txt ${OUT}`],
      ['content/etc', 'symlink-outside', false, `symbolic link to /etc ${OUT}`],
      ['content/loopA', 'symlink-loop', false, 'symbolic link to loopB goes round in a loop of links; not read'],
      ['content/loopB', 'symlink-loop', false, 'symbolic link to loopA goes round in a loop of links; not read'],
      ['content/out', 'symlink-outside', false, `symbolic link to ../outside ${OUT}`],
      ['content/secret.txt', 'symlink-outside', false, `symbolic link to ../outside/secret.txt ${OUT}`],
      ['content/self', 'symlink-loop', false, 'symbolic link to self goes round in a loop of links; not read'],
      ['content/sibling.md', 'symlink-outside', false, `symbolic link to ../content-private/notes.md ${OUT}`],
      ['content/up', 'symlink-outside', false, `symbolic link to .. ${OUT}`],
      ['assets/etc', 'symlink-outside', false, `symbolic link to /etc ${OUT}`],
      ['assets/kogi/favicon.svg', 'symlink-outside', false, `symbolic link to ../../outside/favicon.svg ${OUT}`],
      ['assets/kogi/zz-evil.css', 'symlink-outside', false, `symbolic link to ../../outside/evil.css ${OUT}`],
    ])
    // A folder linked inside is published under both names, as the author asked.
    expect(published(p.out)).toEqual([
      '404.html',
      'alias/a/index.html',
      'alias/deep/ok.txt',
      'alias/index.html',
      'alias/plain.txt',
      'assets/extra/x.txt',
      'assets/fromcontent/ok.txt',
      'c/a/index.html',
      'c/deep/ok.txt',
      'c/index.html',
      'c/plain.txt',
      'index.html',
      'robots.txt',
      'round.txt',
      'sitemap.xml',
      'toassets/x.txt',
    ])
    expect(fs.readFileSync(path.join(p.out, 'round.txt'), 'utf8')).toBe('plain')
    // Pages, search index, theme bundle: nothing holds a byte from outside.
    expect(leaks(p.out)).toEqual([])
    const css = fs.readdirSync(path.join(p.out, '_kogi')).filter((f) => f.endsWith('.css'))
    expect(css).toHaveLength(1)
    const bundle = fs.readFileSync(path.join(p.out, '_kogi', css[0]!), 'utf8')
    expect([bundle.includes('/* kogi.css */'), bundle.includes('zz-evil')]).toEqual([true, false])
  })

  it('reads a content folder reached through a link, and its links are judged by real paths', async () => {
    const p = linkProject({ 'content/c/plain.txt': 'plain' })
    fs.renameSync(p.content, path.join(p.dir, 'real-content'))
    link(p.dir, { content: 'real-content', 'real-content/mine.txt': '../content/c/plain.txt', 'real-content/out': '../outside' })
    const result = await buildIt(p)
    expect(messages(result)).toEqual([['content/out', 'symlink-outside', false, `symbolic link to ../outside ${OUT}`]])
    expect(published(p.out)).toEqual(['404.html', 'c/a/index.html', 'c/index.html', 'c/plain.txt', 'index.html', 'mine.txt', 'robots.txt', 'sitemap.xml'])
  })
  it('never opens an image outside the content folder, not even to read its size', async () => {
    // A 1×1 PNG: its size is read only when the image is inside the content folder.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
    const p = linkProject()
    fs.writeFileSync(path.join(p.outside, 'o.png'), png)
    fs.writeFileSync(path.join(p.content, 'c', 'in.png'), png)
    link(p.dir, { 'content/c/linked.png': '../../outside/o.png' })
    fs.writeFileSync(path.join(p.content, 'c', 'a.md'), '# A\n\n<img src="../../outside/o.png" alt="up">\n\n<img src="linked.png" alt="link">\n\n<img src="in.png" alt="in">\n')
    // Paths in messages relative to the working folder, as the command line has them.
    await build({ config: loadConfig(p.dir), contentDir: p.content, outDir: p.out, templatesDir: path.join(p.dir, 'templates'), assetsDir: p.assets })
    const html = fs.readFileSync(path.join(p.out, 'c', 'a', 'index.html'), 'utf8')
    const imgs = [...html.matchAll(/<img [^>]*alt="(up|link|in)"[^>]*>/g)].map((m) => [m[1], /width="1"/.test(m[0])])
    expect(imgs).toEqual([['up', false], ['link', false], ['in', true]])
  })
})
