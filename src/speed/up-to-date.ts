/**
 * A build with nothing to do. When every input of the last successful build is as it was — each
 * file the build reads under the content, templates and assets folders, the config and build options, kogi
 * itself — and the site folder holds exactly the files that build wrote, untouched, the site is
 * up to date: the build repeats that build's report and writes nothing, as `make` does when no
 * target is out of date. Any difference at all, one byte of one file, runs the whole build,
 * whose site pass then sees every page again.
 *
 * Light on purpose: the command line checks this before it loads the build pipeline.
 */
import crypto from 'node:crypto'
import path from 'node:path'
import { VFile } from 'vfile'
import type { BuildOptions, BuildResult } from '../stages/build.js'
import { kogiFingerprint } from './cache.js'
import { readChecked, writeChecked } from './checksummed.js'
import { OutputManifest, manifestFile } from './output-manifest.js'
import { messageData, restoreMessages, type MessageData } from './rendered.js'
import { countMessages } from '../stages/report.js'
import { Timings } from '../report/timings.js'
import { hashFiles, hashProblems, hashTree } from './tree-hash.js'
import { discoverSite, type SiteDiscovery } from '../stages/discover.js'
import { unpublished } from '../stages/publish.js'
import { KOGI_TEMPLATES, KOGI_THEME } from '../site/theme-dirs.js'

/** Files up to this size are compared by their bytes; larger ones (videos, data) by size and time. */
const HASHED_BYTES = 1 << 20

/** What the report of the last build needs. */
interface LastBuild {
  readonly pages: number
  readonly cached: number
  readonly formulas: number
  /** The site it wrote, as named in the output manifest. */
  readonly site: string
  readonly files: readonly { path: string; messages: readonly MessageData[] }[]
}

const lastFile = (cacheDir: string) => path.join(cacheDir, 'last-build.bin')

/**
 * A hash of everything a build reads, taken before it reads anything: a file changed while the
 * build runs makes the next build differ. The content and assets folders are taken as the build
 * finds them (src/stages/discover.ts): the files it reads, through the links it follows, and
 * the links it reports instead.
 *
 * @param options The build's options.
 * @param found The build's own walk of its folders, when it has made it already.
 */
export function inputsKey(options: BuildOptions, found: SiteDiscovery = discoverSite(options.contentDir, options.assetsDir, unpublished(options.config))): string {
  const hash = crypto.createHash('sha256')
  const { config, contentDir, templatesDir, assetsDir, outDir, drafts } = options
  const folders = { contentDir, templatesDir, assetsDir, outDir, cwd: options.cwd ?? process.cwd() }
  hash.update(JSON.stringify({ config, drafts: drafts ?? false, node: process.version, ...Object.fromEntries(Object.entries(folders).map(([k, v]) => [k, path.resolve(v)])) }))
  hash.update(kogiFingerprint())
  hashFiles(hash, [...found.content.sources, ...found.content.statics], HASHED_BYTES)
  hashProblems(hash, found.content.problems)
  hash.update('\u0000assets')
  hashFiles(hash, found.assets.files, HASHED_BYTES)
  hashProblems(hash, found.assets.problems)
  hashTree(hash, templatesDir, HASHED_BYTES)
  // kogi's own theme, which the project's files override one by one.
  hashTree(hash, KOGI_TEMPLATES)
  hashTree(hash, KOGI_THEME)
  return hash.digest('hex')
}

/**
 * The last build's result when nothing changed since, its site untouched; otherwise undefined.
 *
 * @param key {@link inputsKey} of this build.
 * @param started When the build started (`performance.now()`), for the time it reports.
 */
export function upToDate(options: BuildOptions, key: string, started = performance.now()): BuildResult | undefined {
  if (!options.cacheDir) return undefined
  const timings = new Timings()
  const last = readChecked<LastBuild>(lastFile(options.cacheDir), key)
  if (!last || !Array.isArray(last.files)) return undefined
  const manifest = new OutputManifest(manifestFile(options.cacheDir, options.outDir), path.resolve(options.outDir))
  if (manifest.previousId !== last.site || !manifest.intact()) return undefined
  const files = last.files.map((f) => {
    const file = new VFile({ path: f.path })
    restoreMessages(file, f.messages)
    return file
  })
  timings.mark('check')
  return { files, pages: last.pages, formulas: last.formulas, cached: last.cached, written: true, timings, seconds: (performance.now() - started) / 1000, upToDate: true, ...countMessages(files) }
}

/**
 * Remember a build that wrote its site, under the key of its inputs.
 *
 * @param site The id of the site it wrote in the output manifest.
 */
export function rememberBuild(cacheDir: string, key: string, site: string, result: Pick<BuildResult, 'files' | 'pages' | 'cached' | 'formulas'>): void {
  const last: LastBuild = { pages: result.pages, cached: result.cached, formulas: result.formulas, site, files: result.files.filter((f) => f.messages.length > 0).map((f) => ({ path: f.path, messages: f.messages.map(messageData) })) }
  writeChecked(lastFile(cacheDir), key, last)
}
