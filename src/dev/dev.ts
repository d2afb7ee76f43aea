/**
 * `kogi dev`: build, serve on 127.0.0.1, watch content/, templates/, assets/ and the config,
 * rebuild on every change and reload the open pages.
 *
 * A save of one lecture re-renders that page in this process and writes only the pages whose
 * HTML can change (src/dev/incremental.ts); the reload goes out as soon as the page is written.
 * Any other change (config, templates, assets, a new, deleted or renamed file) runs a build with
 * the page cache: only pages whose source or inputs changed are rendered again, and the site
 * pass and layouts run over every page. A broken edit leaves the
 * last good site served, prints its problems and shows them over the page; the server keeps
 * running. The site is built into .cache/kogi/dev, never over the deployable _site.
 */
import fs from 'node:fs'
import path from 'node:path'
import type http from 'node:http'
import { loadConfig } from '../config.js'
import { build, type BuildOptions, type BuildResult } from '../pipeline/index.js'
import { countMessages, formatReport, summaryLine } from '../pipeline/report.js'
import { Timings } from '../pipeline/timings.js'
import { isIgnoredName } from '../pipeline/discover.js'
import { IncrementalSite } from './incremental.js'
import { SearchWorker } from './search-worker.js'
import { serveSite } from './server.js'
import { LiveReload, injectClient } from './live-reload.js'

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
  /** Where build reports go; default stderr. */
  readonly log?: (text: string) => void
}

/** A running dev server. */
export interface DevServer {
  readonly url: string
  readonly server: http.Server
  /** Resolves after the rebuild that is running or due (tests, scripts). */
  settled(): Promise<BuildResult | undefined>
  close(): Promise<void>
}

/** Wait this long after a change before building, so an editor's save (several events) builds once. */
const SETTLE_MS = 20

/**
 * Start the dev server.
 *
 * @param options Folders and address.
 */
export async function startDev(options: DevOptions): Promise<DevServer> {
  const log = options.log ?? ((text: string) => process.stderr.write(text + '\n'))
  const outDir = path.join(options.root, '.cache', 'kogi', 'dev', 'site')
  const live = new LiveReload()
  let base = loadConfig(options.root, options.base !== undefined ? { base: options.base } : {}).base

  // The site as last written, for one-page rebuilds; none until a full build succeeds.
  let incremental: IncrementalSite | undefined
  // Content paths saved since the last rebuild; `full` once anything else changed.
  let changed = new Set<string>()
  const search = new SearchWorker()
  let full = true
  // Problems of saved pages that did not build, by path: another page's good save leaves them shown.
  const broken = new Map<string, string>()

  /** Rebuild one saved lecture; undefined when the change needs a full build. */
  const rebuildPage = async (rel: string, started: number): Promise<BuildResult | undefined> => {
    const done = await incremental!.update(rel, () => live.send({ type: 'reload' }))
    if (!done) return undefined
    const files = [done.file]
    const finish = (): BuildResult => {
      const seconds = (performance.now() - started) / 1000
      const result = { files, pages: done.pages, formulas: done.file.data.facts?.formulas ?? 0, cached: 0, written: done.written, seconds, timings: new Timings(), ...countMessages(files) }
      const report = formatReport(files)
      if (report) log(report)
      log(summaryLine(result))
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

  const rebuild = async (): Promise<BuildResult | undefined> => {
    const started = performance.now()
    const saved = [...changed]
    const needsFull = full || saved.length !== 1 || !incremental
    changed = new Set()
    full = false
    if (!needsFull) {
      try {
        const result = await rebuildPage(saved[0]!, started)
        if (result) return result
      } catch (error) {
        log(`kogi: ${(error as Error).message}; building the whole site`)
      }
    }
    // A search index still being written would land in the new site.
    await incremental?.idle()
    let result: BuildResult
    try {
      const config = loadConfig(options.root, options.base !== undefined ? { base: options.base } : {})
      base = config.base
      const buildOptions: BuildOptions = {
        config,
        contentDir: options.contentDir,
        outDir,
        templatesDir: path.join(options.root, 'templates'),
        assetsDir: path.join(options.root, 'assets'),
        cacheDir: path.join(options.root, '.cache', 'kogi'),
        // Drafts are shown while writing; the dev site is never deployed.
        drafts: true,
        onWritten: (site) => {
          incremental = new IncrementalSite(site, { config, contentDir: options.contentDir, outDir, drafts: true, cacheDir: buildOptions.cacheDir, search })
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
    const report = formatReport(result.files)
    if (report) log(report)
    log(summaryLine({ ...result, seconds: (performance.now() - started) / 1000 }))
    if (result.written) live.send({ type: 'reload' })
    else live.send({ type: 'problems', text: report || 'the site could not be built' })
    return result
  }

  // One build at a time; changes during a build cause one more build after it.
  let running: Promise<BuildResult | undefined> = rebuild()
  let due = false
  let timer: NodeJS.Timeout | undefined
  /** Note a change: a lecture in content/ by its path, anything else as a full rebuild. */
  const schedule = (rel?: string) => {
    // Names the site skips (`.x.md.swp`, `_drafts/`) cannot change it.
    if (rel !== undefined && rel.split('/').some(isIgnoredName)) return
    if (rel === undefined || !/\.(md|markdown)$/i.test(rel)) full = true
    else changed.add(rel)
    clearTimeout(timer)
    timer = setTimeout(() => {
      if (due) return
      due = true
      running = running.then(() => {
        due = false
        return rebuild()
      })
    }, SETTLE_MS)
  }
  await running
  // Warm the one-page rebuild while the author has not saved yet.
  setTimeout(() => void incremental?.warm(), 0)

  const watchers: fs.FSWatcher[] = []
  if (fs.existsSync(options.contentDir)) {
    watchers.push(
      // A file that appears or goes is found out by the rebuild (the page is not in the site, or
      // cannot be read), which then builds the whole site.
      // A repository built as it is holds the dev site and the cache (`.cache/`), which a build writes: not a change.
      fs.watch(options.contentDir, { recursive: true }, (_event, name) => (name && name.split(path.sep).some(isIgnoredName) ? undefined : schedule(name ? name.split(path.sep).join('/') : undefined))),
    )
  }
  for (const dir of [path.join(options.root, 'templates'), path.join(options.root, 'assets')]) {
    if (fs.existsSync(dir)) watchers.push(fs.watch(dir, { recursive: true }, () => schedule()))
  }
  // The config is watched through its folder: editors replace the file, which ends a file watch.
  watchers.push(fs.watch(options.root, (_event, name) => name === 'kogi.config.json' && schedule()))

  const { server, url } = await serveSite({
    root: outDir,
    base,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4000,
    transformHtml: (html) => injectClient(html, base),
    intercept: (req, res, hosts) => live.handle(base, req, res, hosts),
  })
  return {
    url,
    server,
    settled: async () => {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 5))
      const result = await running
      await incremental?.idle()
      return result
    },
    close: async () => {
      clearTimeout(timer)
      for (const w of watchers) w.close()
      live.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await running
      await incremental?.idle()
      await search.close()
    },
  }
}
