/**
 * `kogi dev`: build, serve on 127.0.0.1, watch content/, templates/, assets/ and the config,
 * rebuild on every change and reload the open pages.
 *
 * A rebuild is a build with the page cache: only pages whose source (or whose inputs: config,
 * the set of pages) changed are rendered again, and the site pass and layouts run over every
 * page, so course pages, lecture lists and previous/next links follow. A broken edit leaves the
 * last good site served, prints its problems and shows them over the page; the server keeps
 * running. The site is built into .cache/kogi/dev, never over the deployable _site.
 */
import fs from 'node:fs'
import path from 'node:path'
import type http from 'node:http'
import { loadConfig } from '../config.js'
import { build, type BuildOptions, type BuildResult } from '../pipeline/index.js'
import { formatReport, summaryLine } from '../pipeline/report.js'
import { serveSite } from './server.js'
import { LiveReload, injectClient } from './live-reload.js'

/** Where the dev server reads, serves and listens. */
export interface DevOptions {
  /** Project folder: kogi.config.json, templates/, assets/, .cache/. */
  readonly root: string
  readonly contentDir: string
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

  const rebuild = async (): Promise<BuildResult | undefined> => {
    const started = performance.now()
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
      }
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
  const schedule = () => {
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

  const watchers: fs.FSWatcher[] = []
  for (const dir of [options.contentDir, path.join(options.root, 'templates'), path.join(options.root, 'assets')]) {
    if (fs.existsSync(dir)) watchers.push(fs.watch(dir, { recursive: true }, schedule))
  }
  // The config is watched through its folder: editors replace the file, which ends a file watch.
  watchers.push(fs.watch(options.root, (_event, name) => name === 'kogi.config.json' && schedule()))

  const { server, url } = await serveSite({
    root: outDir,
    base,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 4000,
    transformHtml: (html) => injectClient(html, base),
    intercept: (req, res) => live.handle(base, req, res),
  })
  return {
    url,
    server,
    settled: async () => {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 5))
      return running
    },
    close: async () => {
      clearTimeout(timer)
      for (const w of watchers) w.close()
      live.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await running
    },
  }
}
