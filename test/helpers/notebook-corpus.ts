/**
 * Build a corpus and print, as JSON on stdout, what its lectures' notebook links come to: run in
 * a child process by test/notebook-links-corpus.test.ts, so the long build never blocks the test
 * runner. Arguments: the corpus folder, then the repository "owner/name" it is a copy of.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { VFile } from 'vfile'
import { resolveConfig } from '../../src/config.js'
import { build, type BuiltSite } from '../../src/stages/build.js'
import { discoverSite } from '../../src/stages/discover.js'
import { unpublished } from '../../src/stages/publish.js'
import { notebookBacklinks, notebookLinks, notebookSite } from '../../src/site/notebook-links.js'
import { parseNotebookUrl } from '../../src/site/notebook-urls.js'
import { projectRoot } from './shared.js'

const [corpus, repository] = process.argv.slice(2) as [string, string]
const config = resolveConfig({}, 'test', { repository, content: '.' })
const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-notebooks-')), '_site')
let site: BuiltSite | undefined
const result = await build({
  config,
  contentDir: corpus,
  outDir: out,
  templatesDir: path.join(projectRoot, 'templates'),
  assetsDir: path.join(projectRoot, 'assets'),
  cwd: corpus,
  onWritten: (built) => (site = built),
})
if (!site) throw new Error(`the corpus build was not written (${result.errors} errors)`)

const pages = [...site.facts].map(([url, facts]) => ({ url, facts, file: new VFile() }))
// Every repository the lectures open notebooks of, with how often, to tell which is this one.
const repositories: Record<string, number> = {}
for (const { facts } of pages) {
  for (const link of facts.links) {
    const url = parseNotebookUrl(link.raw)
    if (url?.via === 'Colab') repositories[`${url.owner}/${url.name}`] = (repositories[`${url.owner}/${url.name}`] ?? 0) + 1
  }
}
const notebookSiteOfCorpus = notebookSite(config, corpus, discoverSite(corpus, path.join(projectRoot, 'assets'), unpublished(config)).content, '.')
const links = notebookLinks(pages, notebookSiteOfCorpus).map((l) => ({ url: l.page.url, line: l.link.line, column: l.link.column, via: l.via, target: l.target, exists: l.exists }))
const messages = result.files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'missing-notebook').map((m) => ({ file: m.file, line: m.line, column: m.column, reason: m.reason })))
const backlinks = notebookBacklinks(pages, notebookSiteOfCorpus)
const notebooks = notebookSiteOfCorpus.notebooks.length
const linked = backlinks.size
process.stdout.write(JSON.stringify({ repositories, links, messages, notebooks, linked, pages: pages.length }))
