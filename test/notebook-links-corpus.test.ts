/**
 * Acceptance on the instructor's real lectures (../shared/corpus): their Colab links name their
 * own repository most often, each link to one of its notebooks is resolved against the corpus
 * folder, and every one reported missing is really absent from it (this copy leaves out the
 * 2020 `notebooks/` folder and a few very large notebooks, so some are). The build runs in a
 * child process (test/helpers/notebook-corpus.ts), so the long build never blocks the test
 * runner. Skips with a notice when the corpus is absent.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { corpusDir, projectRoot } from './helpers/shared.js'

const corpus = corpusDir()

/** The repository the corpus is a slice of (../shared/CORPUS.md). */
const REPOSITORY = 'komazawa-deep-learning/komazawa-deep-learning.github.io'

interface Found {
  repositories: Record<string, number>
  links: { url: string; line: number; column: number; via: string; target: string; exists: boolean }[]
  messages: { file: string; line: number; column: number; reason: string }[]
  notebooks: number
  linked: number
}

describe.skipIf(!corpus)('notebook links of the instructor corpus', () => {
  it('finds the Colab links to its repository and reports as missing only notebooks absent from the folder', async () => {
    const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx')
    const { stdout } = await promisify(execFile)(tsx, [path.join(projectRoot, 'test', 'helpers', 'notebook-corpus.ts'), corpus!, REPOSITORY], { cwd: projectRoot, maxBuffer: 1 << 26, timeout: 590_000 })
    const found = JSON.parse(stdout) as Found

    // The lectures' own repository is the one their Colab links name most often.
    const ranked = Object.entries(found.repositories).sort((a, b) => b[1] - a[1])
    expect(ranked[0]).toEqual([REPOSITORY, 341])

    const colab = found.links.filter((l) => l.via === 'Colab')
    const missing = found.links.filter((l) => !l.exists)
    const names = [...new Set(missing.map((l) => l.target))]
    console.log(
      `[kogi tests] corpus: ${colab.length} Colab links to ${REPOSITORY}, ${colab.filter((l) => l.exists).length} resolved; ` +
        `${missing.length} links of any kind to ${names.length} missing notebooks:\n  ${names.join('\n  ')}`,
    )
    expect([colab.length, colab.filter((l) => l.exists).length, found.links.length, missing.length, names.length]).toEqual([341, 238, 342, 104, 31])

    // Each resolved notebook is in the folder, and each reported one is not.
    for (const l of found.links) expect([l.target, fs.existsSync(path.join(corpus!, l.target))]).toEqual([l.target, l.exists])
    // One message per missing link, at the link's own line and column, naming its notebook.
    const reported = found.messages.map((m) => [m.line, m.column, /has no "([^"]+)"/.exec(m.reason)?.[1]]).sort()
    expect(reported).toEqual(missing.map((l) => [l.line, l.column, l.target]).sort())
    for (const name of names) expect([name, fs.existsSync(path.join(corpus!, name))]).toEqual([name, false])
    expect(found.messages.filter((m) => m.reason.includes('did you mean "2021notebooks/2021_0521mlp_Adam_SGD.ipynb"')).length).toBe(7)

    // The notebooks the lectures link to know which lectures those are.
    expect([found.notebooks, found.linked]).toEqual([135, 84])
  }, 600_000)
})
