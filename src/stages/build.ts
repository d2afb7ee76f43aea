/**
 * The build: sequences the stages of DESIGN.md and nothing else.
 *
 * discover → read + front matter → site model → page pipeline → site pass → layout → write
 * → report. A problem in one page is a message on that page; every other page is still
 * processed so all problems show in one run. A page with an error keeps its last good version
 * while the others are written (src/output/last-good.ts); a problem of the site as a whole
 * leaves the previous site untouched.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { VFile } from 'vfile'
import type { PageFacts } from '../types.js'
import type { BuildOptions, BuildResult } from './build-options.js'
import { BuildRun } from './run.js'
import { discoverSite, type SiteDiscovery } from './discover.js'
import { unpublished } from './publish.js'
import { readPages } from './read-pages.js'
import { placePages, urlOf } from './model.js'
import { prepare } from './prepare.js'
import { Layouts, layoutPages } from './layout.js'
import { copyStatics } from './copy.js'
import { SiteWriter, writeFailure } from './write.js'
import { countMessages } from './report.js'
import { keepLastGood, onlyPageErrors, type PageSource } from '../output/last-good.js'
import { checkOutDir } from '../output/out-dir.js'
import { glossaryPages } from '../site/glossary.js'
import { searchPageOf, type SiteContext } from '../site/views.js'
import { publishTheme } from '../site/theme.js'
import { withKogiTheme } from '../site/theme-dirs.js'
import { writeExtras } from '../site/extras.js'
import { checkLinks } from '../site/links.js'
import { renderPages } from '../speed/render-pages.js'
import { PageCache, kogiFingerprint } from '../speed/cache.js'
import { defaultWorkers } from '../speed/workers.js'
import { checkNotebookLinks, notebookSite } from '../site/notebook-links.js'
import { searchFilesOnThread } from '../speed/search-thread.js'
import { manifestFile, OutputManifest } from '../speed/output-manifest.js'
import { inputsKey, rememberBuild, upToDate } from '../speed/up-to-date.js'

export type { BuildOptions, BuildResult, BuiltSite } from './build-options.js'

/**
 * Build the site.
 *
 * @param options Config and folders.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const { config } = options
  const run = new BuildRun(options.cwd ?? process.cwd(), options.contentDir)
  const { timings, files, siteFile } = run
  let rendered = { cached: 0, pages: 0, formulas: 0 }
  const finish = (written: boolean): BuildResult => ({ files, written, timings, seconds: (performance.now() - run.started) / 1000, ...rendered, ...countMessages(files) })
  if (!checkOutDir({ ...options, cwd: run.cwd }, siteFile, run.display)) return finish(false)

  // Nothing changed since the last build and its site is untouched: nothing to do. The dev server
  // needs what a build made (onWritten), so it always builds. The check hashes the files this
  // build reads, found by this one walk.
  const folders = discoverSite(options.contentDir, options.assetsDir, unpublished(config))
  const inputs = options.cacheDir && !options.onWritten ? (options.inputs ?? inputsKey(options, folders)) : undefined
  const last = inputs && options.inputs === undefined && upToDate(options, inputs, run.started)
  if (last) return last
  reportWalkProblems(run, folders)

  const read = readPages(folders.content.sources, run.display)
  files.push(...read.files)
  timings.mark('read')
  const site = placePages(read.pages, { statics: folders.content.statics, recordOf: (page) => new VFile({ path: run.display(path.join(options.contentDir, page.rel)), value: '' }) })
  const { model } = site
  if (site.staticHome) run.fileFor(path.join(options.contentDir, 'index.html')).message("this static page is the site's home page, as in Jekyll; kogi's own home page (the list of courses) is not written", { ruleId: 'static-home', source: 'kogi' })
  files.push(...site.pages.filter((f) => f.data.page!.generated))

  // Render each page on its own (cached, on worker threads); a throw is a fatal message on that page only.
  for (const file of site.pages) prepare(file, { drafts: options.drafts })
  const cache = options.cacheDir ? new PageCache(options.cacheDir, options.contentDir, config, model) : undefined
  const result = await renderPages(site.pages.map((file) => ({ page: file.data.page!, file })), { config, model, sources: site.sources, cache, workers: options.workers ?? defaultWorkers(), onProgress: options.onProgress })
  timings.mark('render')

  // The site pass: pages made from every page's facts.
  const pages = site.pages.filter((f) => f.data.content !== undefined)
  const facts = new Map<string, PageFacts>(pages.map((f) => [f.data.page!.url, f.data.facts!]))
  const formulas = pages.reduce((n, f) => n + f.data.facts!.formulas, 0)
  for (const g of glossaryPages(model, facts, config)) {
    const file = run.fileFor(path.join(options.contentDir, g.page.rel))
    Object.assign(file.data, { page: g.page, content: g.content, facts: g.facts })
    facts.set(g.page.url, g.facts)
    pages.push(file)
  }
  rendered = { cached: result.stats.cached, pages: pages.length, formulas }
  // Every page's sections are known now: the index is made on its own thread while this one
  // lays out, copies and checks the pages.
  const searching = searchFilesOnThread(pages.map((f) => searchPageOf(config, f.data.page!, f.data.facts)), options.cacheDir)
  timings.mark('glossary')
  const layouts = new Layouts(options.templatesDir)
  for (const p of layouts.problems) run.fileFor(p.file).message(`template error: ${p.reason}`, { place: { line: p.line, column: p.column }, ruleId: 'template', source: 'kogi' }).fatal = true

  const writer = new SiteWriter(options.outDir, options.cacheDir ? new OutputManifest(manifestFile(options.cacheDir, options.outDir), path.resolve(options.outDir)) : undefined)
  try {
    const ctx: SiteContext = { config, model, facts }
    const theme = publishTheme((rel, data) => writer.write(rel, data), config, withKogiTheme(folders.assets.files), folders.content.statics.map((s) => s.rel))
    const reuse = layouts.fingerprint === undefined ? undefined : crypto.createHash('sha256').update(kogiFingerprint()).update(layouts.fingerprint)
    await layoutPages(
      pages.filter((f) => !(site.staticHome && f.data.page === model.home)),
      { layouts, ctx, theme, writer, reuse },
    )
    // Sources that could not become a page count too: their address keeps the last good page.
    const pageSources: PageSource[] = [...read.pages.map((file) => ({ file, outFile: urlOf(file.data.rel!).outFile })), ...site.pages.filter((f) => f.data.page!.generated).map((file) => ({ file, outFile: file.data.page!.outFile, generated: true }))]
    if (!options.onWritten) keepLastGood(writer, pageSources)
    timings.mark('layout')
    copyStatics(writer, folders.content.statics, folders.assets.files, siteFile)
    await writeExtras({ ctx, layouts, writer, theme, siteFile })
    timings.mark('copy')
    // Checked against the files actually written, so whatever a stage adds counts as present.
    const checked = pages.map((file) => ({ url: file.data.page!.url, file, facts: file.data.facts! }))
    checkLinks(checked, { facts, exists: (rel) => isFile(writer.target(rel)), contentFolder: run.display(options.contentDir) })
    checkNotebookLinks(checked, notebookSite(config, options.contentDir, folders.content, run.display(options.contentDir)))
    timings.mark('links')
    // The index, made on its thread meanwhile; no page links into it, so the link check did not wait.
    for (const f of (await searching).files) writer.write(f.rel, f.data)
    timings.mark('search')
    const { errors } = countMessages(files)
    // Errors only on pages: the others go to students (src/output/last-good.ts). The dev server
    // instead keeps serving its last good site, with the problems shown over the page.
    if (errors > 0 && (options.onWritten || !onlyPageErrors(files, pageSources))) writer.abort()
    else {
      writer.commit()
      if (errors === 0 && inputs && writer.manifestId) rememberBuild(options.cacheDir!, inputs, writer.manifestId, { files, ...rendered })
      timings.mark('commit')
      if (errors === 0) options.onWritten?.({ model, sources: site.sources, contents: new Map(pages.map((f) => [f.data.page!, f.data.content!])), facts, layouts, theme })
    }
    return finish(writer.committed)
  } catch (error) {
    writer.abort()
    siteFile.message(writeFailure(error, run.display(path.resolve(options.outDir)), writer.committed), { ruleId: 'write', source: 'kogi', cause: error as Error }).fatal = true
    return finish(writer.committed)
  }
}

/** A link the walk did not follow is reported at the link's own path: a file-system problem has no line. */
function reportWalkProblems(run: BuildRun, folders: SiteDiscovery): void {
  for (const p of [...folders.content.problems, ...folders.assets.problems]) {
    const file = p.ruleId === 'content' ? run.siteFile : run.fileFor(p.abs)
    file.message(p.reason, { ruleId: p.ruleId, source: 'kogi' }).fatal = p.ruleId === 'content'
  }
}

function isFile(abs: string): boolean {
  return fs.statSync(abs, { throwIfNoEntry: false })?.isFile() ?? false
}
