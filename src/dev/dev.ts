/**
 * `kogi dev`: build, serve on 127.0.0.1, watch content/, templates/, assets/ and the config,
 * rebuild on every change and reload the open pages. Drafts (the text inside HTML comments) are
 * shown unless `drafts: false` (`--no-drafts`).
 *
 * Every save is seen (src/dev/watch.ts), and the changes of a moment make one rebuild
 * (src/dev/rebuild-queue.ts). A save of one lecture re-renders that page in this process and
 * writes only the pages whose HTML can change (src/dev/incremental.ts); the reload goes out as
 * soon as the page is written. Any other change (config, templates, assets, a new, deleted or
 * renamed file, several files at once) runs a build with the page cache: only pages whose source
 * or inputs changed are rendered again, and the site pass and layouts run over every page. A
 * broken edit leaves the last good site served, prints its problems and shows them over the
 * page; the server keeps running. The site is built into .cache/kogi/dev, never over the
 * deployable _site.
 *
 * The first build prints every problem; each rebuild after it prints only the problems it made
 * new and those it fixed (src/dev/problems.ts). All of them are on the problems page,
 * `<base>_kogi/problems`, linked from the banner of each page that has some.
 */
import fs from 'node:fs'
import path from 'node:path'
import type http from 'node:http'
import { loadConfig } from '../config.js'
import { applyRuleLevels } from '../report/rule-levels.js'
import type { RuleLevel } from '../report/rules.js'
import { build, type BuildOptions, type BuildResult } from '../stages/build.js'
import { countMessages, formatReport, summaryLine } from '../stages/report.js'
import { Timings } from '../report/timings.js'
import { isIgnoredName, isInside } from '../stages/discover.js'
import { IncrementalSite } from './incremental.js'
import { SearchWorker } from './search-worker.js'
import { serveSite } from './server.js'
import { LiveReload, injectClient } from './live-reload.js'
import { watchSources } from './watch.js'
import { RebuildQueue } from './rebuild-queue.js'
import { ProblemSet, formatChanges, type ProblemChanges } from './problems.js'
import { answerProblemsPage, problemsBanner, type ProblemsContext } from './problems-page.js'

/** Where the dev server reads, serves and listens. */
export interface DevOptions {
  /** Project folder: kogi.config.json, templates/, assets/, .cache/. */
  readonly root: string
  readonly contentDir: string
  /** Address to listen on (default 127.0.0.1); it and the loopback names are the Host names answered. */
  readonly host?: string
  /** Port; 0 picks a free one. */
  readonly port?: number
  /** A base path overriding the config's. */
  readonly base?: string
  /** Show the text inside HTML comments as marked drafts; default true (`--no-drafts`: false). */
  readonly drafts?: boolean
  /** The deployable site folder (`--out`, default `_site` in the root): never watched. */
  readonly siteDir?: string
  /** Where build reports go; default stderr. */
  readonly log?: (text: string) => void
  /** Called after each build, the first one too (tests, scripts). */
  readonly onRebuilt?: (rebuild: Rebuilt) => void
}

/** One build of the dev server. */
export interface Rebuilt {
  /** The changed files and folders it built, absolute and sorted; empty for the first build. */
  readonly paths: readonly string[]
  /** Whether it built the whole site (else one page). */
  readonly full: boolean
  /** What it did; undefined when it could not start (a config error). */
  readonly result: BuildResult | undefined
}

/** A running dev server. */
export interface DevServer {
  readonly url: string
  readonly server: http.Server
  /** Resolves when no rebuild is running or due, with the last build's result (tests, scripts). */
  settled(): Promise<BuildResult | undefined>
  close(): Promise<void>
}

/**
 * Start the dev server; resolves once the site is built and every change from then on is seen.
 *
 * @param options Folders and address.
 */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const log = options.log ?? ((text: string) => process.stderr.write(text + '\n'))
  const drafts = options.drafts ?? true
  const cacheDir = path.join(options.root, '.cache', 'kogi')
  const outDir = path.join(cacheDir, 'dev', 'site')
  const templatesDir = path.join(options.root, 'templates')
  const assetsDir = path.join(options.root, 'assets')
  const configFile = path.join(options.root, 'kogi.config.json')
  const live = new LiveReload()
  let base = loadConfig(options.root, options.base !== undefined ? { base: options.base } : {}).base
  const context = (): ProblemsContext => ({ base, contentDir: options.contentDir, outDir })

  // The site as last written, for one-page rebuilds; none until a full build succeeds.
  let incremental: IncrementalSite | undefined
  const search = new SearchWorker()
  // Problems of saved pages that did not build, by path: another page's good save leaves them shown.
  const broken = new Map<string, string>()
  const problems = new ProblemSet()
  let last: BuildResult | undefined
  // The config's rule levels, as the last full build read them: a rule set "off" is not shown here either.
  let rules: Readonly<Record<string, RuleLevel>> = {}

  /** Print what a build changed in the problems (every problem, the first time), then its summary. */
  const report = (changes: ProblemChanges, result: BuildResult) => {
    const text = last === undefined ? formatReport(result.files) : formatChanges(changes)
    if (text) log(text)
    log(summaryLine(result))
    last = result
  }

  /** Rebuild one saved lecture; undefined when the change needs a full build. */
  const rebuildPage = async (rel: string, started: number): Promise<BuildResult | undefined> => {
    const done = await incremental!.update(rel, () => live.send({ type: 'reload' }))
    if (!done) return undefined
    const files = [done.file]
    const finish = (): BuildResult => {
      // After the page's link check, whose problems come later than the page's own.
      applyRuleLevels(files, rules)
      const seconds = (performance.now() - started) / 1000
      const result = { files, pages: done.pages, formulas: done.file.data.facts?.formulas ?? 0, cached: 0, written: done.written, seconds, timings: new Timings(), ...countMessages(files) }
      report(problems.replace(files), result)
      return result
    }
    if (!done.written) {
      const result = finish()
      broken.set(rel, formatReport(files) || `${rel}: the page could not be built`)
      live.send({ type: 'problems', text: [...broken.values()].join('\n') })
      return result
    }
    broken.delete(rel)
    if (broken.size > 0) live.send({ type: 'problems', text: [...broken.values()].join('\n') })
    await done.rest
    return finish()
  }

  const buildSite = async (started: number): Promise<BuildResult | undefined> => {
    // A search index still being written would land in the new site.
    await incremental?.idle()
    let result: BuildResult
    try {
      const config = loadConfig(options.root, options.base !== undefined ? { base: options.base } : {})
      base = config.base
      rules = config.rules
      const buildOptions: BuildOptions = {
        config,
        contentDir: options.contentDir,
        outDir,
        templatesDir,
        assetsDir,
        cacheDir,
        // The dev site is never deployed: drafts are shown while writing unless asked not to.
        drafts,
        onWritten: (site) => {
          incremental = new IncrementalSite(site, { config, contentDir: options.contentDir, outDir, drafts, cacheDir, search })
        },
      }
      incremental = undefined
      broken.clear()
      result = await build(buildOptions)
    } catch (error) {
      const text = `kogi: ${(error as Error).message}`
      log(text)
      live.send({ type: 'problems', text })
      return undefined
    }
    applyRuleLevels(result.files, rules)
    report(problems.replaceAll(result.files), { ...result, ...countMessages(result.files), seconds: (performance.now() - started) / 1000 })
    if (result.written) live.send({ type: 'reload' })
    else live.send({ type: 'problems', text: formatReport(result.files) || 'the site could not be built' })
    return result
  }

  /** What a changed path asks for: a lecture rebuilt alone, the whole site, or nothing. */
  const classify = (abs: string): { rel: string } | 'full' | 'none' => {
    if (!isInside(abs, options.contentDir) || [templatesDir, assetsDir, configFile].some((p) => isInside(abs, p))) return 'full'
    const rel = path.relative(options.contentDir, abs).split(path.sep).join('/')
    // Names the site skips (`.x.md.swp`, `_drafts/`) cannot change it.
    if (rel.split('/').some(isIgnoredName)) return 'none'
    if (rel !== '' && /\.(md|markdown)$/i.test(rel)) return { rel }
    // A file that came and went before the rebuild (`sed -i`'s temporary file) changed nothing.
    if (rel !== '' && !fs.existsSync(abs) && !fs.existsSync(path.join(outDir, rel))) return 'none'
    return 'full'
  }

  const rebuild = async (paths: readonly string[]): Promise<void> => {
    const started = performance.now()
    const asked = paths.map(classify)
    const saved = asked.flatMap((a) => (typeof a === 'object' ? [a.rel] : []))
    if (paths.length > 0 && saved.length === 0 && !asked.includes('full')) return
    let result: BuildResult | undefined
    let full = true
    if (saved.length === 1 && !asked.includes('full') && incremental) {
      try {
        result = await rebuildPage(saved[0]!, started)
        full = result === undefined
      } catch (error) {
        log(`kogi: ${(error as Error).message}; building the whole site`)
      }
    }
    if (full) result = await buildSite(started)
    options.onRebuilt?.({ paths, full, result })
  }

  // A rebuild that throws must not end the rebuilds after it: the server keeps watching.
  const guarded = (paths: readonly string[]) => rebuild(paths).catch((error: unknown) => log(`kogi: internal error: ${(error as Error).stack ?? String(error)}`))
  const queue = new RebuildQueue(guarded, guarded([]))
  const [watcher] = await Promise.all([
    watchSources({
      paths: [options.contentDir, templatesDir, assetsDir, configFile],
      // Written by kogi, never sources: a build writing them must not start another.
      ignore: [cacheDir, options.siteDir ?? path.join(options.root, '_site')],
      onChange: (abs) => queue.add(abs),
    }),
    queue.idle(),
  ])
  // Warm the one-page rebuild while the author has not saved yet.
  setTimeout(() => void incremental?.warm(), 0)

  const { server, url } = await serveSite({
    root: outDir,
    base,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4000,
    transformHtml: (html, pathname) => injectClient(html, base, problemsBanner(problems, pathname, context())),
    intercept: (req, res, hosts) => live.handle(base, req, res, hosts) || answerProblemsPage(req, res, problems, context()),
  })
  return {
    url,
    server,
    settled: async () => {
      await queue.idle()
      await incremental?.idle()
      return last
    },
    close: async () => {
      await watcher.close()
      live.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await queue.close()
      await incremental?.idle()
      await search.close()
    },
  }
}
