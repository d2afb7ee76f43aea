/**
 * Notebook links checked both ways, on real builds: a lecture's Colab, GitHub, nbviewer or
 * relative link to a notebook of this repository that is not there is a warning at the link's
 * line and column, naming the notebook meant; links in comments and to other repositories are
 * left alone; and each notebook knows the lectures that link to it.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveConfig, type Config } from '../src/config.js'
import { build, type BuildResult, type BuiltSite } from '../src/stages/build.js'
import { discover } from '../src/stages/discover.js'
import { notebookBacklinks, notebookSite } from '../src/site/notebook-links.js'
import { VFile } from 'vfile'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'

const COLAB = 'https://colab.research.google.com/github'

const LECTURE = [
  '---', // 1
  'title: 第1回 画像認識',
  '---',
  '# 第1回',
  '',
  `[Colab で開く](${COLAB}/o/n/blob/main/c/nb/2024_intro.ipynb) は動く。`, // 6
  '',
  `課題は [CNN](${COLAB}/o/n/blob/main/c/nb/2024_cnns.ipynb#scrollTo=x)`, // 8
  '',
  '<p>演習: <a href="https://github.com/o/n/blob/main/notebooks/演習.ipynb">GitHub</a></p>', // 10
  '',
  '[相対](nb/2024_intro.ipynb) と [相対2](nb/2024_intro2.ipynb?x=1#top)', // 12
  '',
  // A comment before a link on its line: blanked, not removed, so the column is still the source's.
  `演習B <!-- [旧](${COLAB}/o/n/blob/main/c/nb/old.ipynb) --> [nbviewer](https://nbviewer.jupyter.org/github/O/N/blob/main/c/nb/%E6%BC%94%E7%BF%92B.ipynb)`, // 14
  '',
  '<!--', // 16
  `[下書き](${COLAB}/o/n/blob/main/c/nb/draft.ipynb)`,
  '-->',
  `[他人の](${COLAB}/other/repo/blob/main/c/nb/none.ipynb) [drive](https://colab.research.google.com/drive/1x)`, // 19
  '',
].join('\n')

const FILES = {
  'c/a.md': LECTURE,
  'c/b.md': `---\ntitle: 第2回\n---\n\nまた [CNN](${COLAB}/o/n/blob/master/c/nb/2024_cnn.ipynb) と [CNN](nb/2024_cnn.ipynb)。\n`,
  'c/nb/2024_intro.ipynb': '{}',
  'c/nb/2024_cnn.ipynb': '{}',
  'c/nb/演習.ipynb': '{}',
}

/** Build a temp project (made a git checkout by `prepare` when given) and keep what the build made. */
async function buildProject(files: Record<string, string>, config: Partial<Config>, options: { prepare?: (dir: string) => void; drafts?: boolean } = {}) {
  const { dir, content, out } = tempProject(files)
  options.prepare?.(dir)
  let site: BuiltSite | undefined
  const result: BuildResult = await build({
    config: resolveConfig({}, 'test', config),
    contentDir: content,
    outDir: out,
    templatesDir: path.join(projectRoot, 'templates'),
    assetsDir: path.join(projectRoot, 'assets'),
    cwd: dir,
    workers: 0,
    drafts: options.drafts ?? false,
    onWritten: (built) => (site = built),
  })
  const messages = (ruleId: string) => result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === ruleId).map((m) => [m.file, m.line, m.column, m.reason]))
  return { dir, content, result, site: site!, messages }
}

const MISSING_A = [
  ['content/c/a.md', 8, 5, 'Colab link to a missing notebook: o/n has no "c/nb/2024_cnns.ipynb"; did you mean "c/nb/2024_cnn.ipynb"?'],
  ['content/c/a.md', 10, 8, 'GitHub link to a missing notebook: o/n has no "notebooks/演習.ipynb"; did you mean "c/nb/演習.ipynb"?'],
  ['content/c/a.md', 12, 29, 'link to a missing notebook "nb/2024_intro2.ipynb?x=1#top" (/c/nb/2024_intro2.ipynb): put it at content/c/nb/2024_intro2.ipynb; did you mean "/c/nb/2024_intro.ipynb"?'],
  ['content/c/a.md', 14, 89, 'nbviewer link to a missing notebook: o/n has no "c/nb/演習B.ipynb"; did you mean "c/nb/演習.ipynb"?'],
]

describe('links to notebooks of this repository', () => {
  it('reports each missing one at its line and column with the notebook meant, and nothing in comments or other repositories', async () => {
    const b = await buildProject(FILES, { repository: 'o/n' })
    expect(b.messages('missing-notebook')).toEqual(MISSING_A)
    // The relative links are this check's alone, not also broken links.
    expect(b.messages('broken-link')).toEqual([])
    expect(b.result.errors).toBe(0)
    expect(b.result.written).toBe(true)
  })

  it('checks only relative links when the repository is unknown', async () => {
    const b = await buildProject(FILES, {})
    expect(b.messages('missing-notebook')).toEqual([MISSING_A[2]])
  })

  it('checks the comments the drafts preview reveals, as they will be once published', async () => {
    const b = await buildProject(FILES, { repository: 'o/n' }, { drafts: true })
    // Lines only: the preview removes the comment markers, which moves what follows on their line.
    expect(b.messages('missing-notebook').map(([, line, , reason]) => [line, reason])).toEqual([
      ...MISSING_A.slice(0, 3).map(([, line, , reason]) => [line, reason]),
      [14, 'Colab link to a missing notebook: o/n has no "c/nb/old.ipynb"'],
      [MISSING_A[3]![1], MISSING_A[3]![3]],
      [17, 'Colab link to a missing notebook: o/n has no "c/nb/draft.ipynb"'],
    ])
  })

  it('lists, for each notebook, the lectures linking to it once each, in page order', async () => {
    const b = await buildProject(FILES, { repository: 'o/n' })
    const pages = [...b.site.facts].map(([url, facts]) => ({ url, facts, file: new VFile() }))
    const backlinks = notebookBacklinks(pages, notebookSite({ repository: 'o/n' }, b.content, discover(b.content), 'content'))
    expect(Object.fromEntries(backlinks)).toEqual({
      'c/nb/2024_intro.ipynb': [{ url: '/c/a/', title: '第1回 画像認識', line: 6 }],
      'c/nb/2024_cnn.ipynb': [{ url: '/c/b/', title: '第2回', line: 5 }],
    })
  })
})

describe('a content folder inside a git checkout', () => {
  const checkout = (dir: string) => {
    execFileSync('git', ['-C', dir, 'init', '-q', '-b', 'main'])
    execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:o/n.git'])
    fs.mkdirSync(path.join(dir, 'notebooks'))
    fs.writeFileSync(path.join(dir, 'notebooks', 'extra.ipynb'), '{}')
  }
  const lecture = [
    '# 第3回',
    '',
    `[a](${COLAB}/o/n/blob/main/content/c/nb/2024_cnn.ipynb) [b](${COLAB}/o/n/blob/main/notebooks/extra.ipynb) [f](${COLAB}/o/n/blob/main/content/_old/old.ipynb)`,
    '',
    `[c](${COLAB}/o/n/blob/main/c/nb/2024_cnn.ipynb) [d](${COLAB}/o/n/blob/old-branch/content/c/nb/Gone.ipynb) [e](/_old/old.ipynb)`,
    '',
  ].join('\n')

  it('knows the repository from origin, finds notebooks at their repository paths, published or not', async () => {
    const b = await buildProject({ 'c/c.md': lecture, 'c/nb/2024_cnn.ipynb': '{}', '_old/old.ipynb': '{}' }, {}, { prepare: checkout })
    expect(b.messages('missing-notebook')).toEqual([
      ['content/c/c.md', 5, 1, 'Colab link to a missing notebook: o/n has no "c/nb/2024_cnn.ipynb"; did you mean "content/c/nb/2024_cnn.ipynb"?'],
      ['content/c/c.md', 5, 81, 'Colab link to a missing notebook: o/n has no "content/c/nb/Gone.ipynb"'],
      // Not published (a `_` folder): Colab opens it from the repository, but the site has no such file.
      ['content/c/c.md', 5, 171, 'link to a missing notebook "/_old/old.ipynb" (/_old/old.ipynb): put it at content/_old/old.ipynb'],
    ])
  })
})
