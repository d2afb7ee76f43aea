/**
 * Command line: `kogi build | check | preview`, flags → a build, exit codes.
 *
 * Exit 0 on success, 1 when a page cannot be rendered (or, with --strict, on any warning),
 * 2 for a usage or config error found before any page is read.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig, type Config } from './config.js'
import type { BuildOptions, BuildResult } from './pipeline/index.js'
import { formatReport, summaryLine } from './pipeline/report.js'
import { progressLine } from './pipeline/progress.js'
import { isKogiSite } from './pipeline/out-dir.js'
import { KEPT, LEFT_OUT, STAND_IN } from './pipeline/last-good.js'

const USAGE = `usage: kogi <command> [flags]

commands:
  init      set this repository up for kogi: config, npm scripts, Pages workflow, .gitignore
  build     build content/ into _site/
  check     build into a temporary folder with --strict; report every problem
  preview   serve the built site on http://127.0.0.1:4000/
  dev       build, serve, and rebuild and reload the page on every change

flags:
  --content DIR   lectures folder (default: the config's "content", else content)
  --out DIR       output folder: new, empty, or a site kogi made (default: _site)
  --base PATH     base path for a project site, e.g. /kogi/ (default: config or /)
  --url ORIGIN    public origin for canonical URLs and the sitemap (default: config url)
  --strict        warnings fail the build too
  --drafts        show the text inside HTML comments as marked drafts (never publish this)
  --root DIR      project folder holding kogi.config.json, templates/, assets/ (default: .)
  --port N        preview port (default: 4000)
  --host ADDR     preview address (default: 127.0.0.1)
  --verbose       also print informational messages and the time of each stage
  --workers N     threads rendering pages (default: one per core)
`

/** Parsed command line. */
export interface Cli {
  command: string
  root: string
  content: string
  /** Whether --content was given: else the config's `content` names the folder. */
  contentGiven?: boolean
  out: string
  base?: string
  url?: string
  strict: boolean
  drafts: boolean
  verbose: boolean
  port: number
  host: string
  /** Threads rendering pages; undefined for one per core. */
  workers?: number
}

/**
 * Parse argv (without `node` and the script).
 *
 * @throws Error with a usage message for unknown flags or commands.
 */
export function parseCli(argv: string[]): Cli {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      content: { type: 'string' },
      out: { type: 'string' },
      base: { type: 'string' },
      url: { type: 'string' },
      strict: { type: 'boolean', default: false },
      drafts: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      root: { type: 'string' },
      port: { type: 'string' },
      workers: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  const command = values.help ? 'help' : (positionals[0] ?? 'build')
  if (!['init', 'build', 'check', 'preview', 'dev', 'help'].includes(command)) throw new Error(`unknown command ${JSON.stringify(command)}`)
  const root = path.resolve(values.root ?? '.')
  const port = values.port === undefined ? 4000 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${JSON.stringify(values.port)}`)
  const workers = values.workers === undefined ? undefined : Number(values.workers)
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) throw new Error(`--workers must be a whole number of threads, got ${JSON.stringify(values.workers)}`)
  return {
    command,
    root,
    ...(workers !== undefined ? { workers } : {}),
    content: path.resolve(root, values.content ?? 'content'),
    contentGiven: values.content !== undefined,
    out: path.resolve(root, values.out ?? '_site'),
    ...(values.base !== undefined ? { base: values.base } : {}),
    ...(values.url !== undefined ? { url: values.url } : {}),
    strict: values.strict ?? false,
    drafts: values.drafts ?? false,
    verbose: values.verbose ?? false,
    port,
    host: values.host ?? '127.0.0.1',
  }
}

/** Build options from the command line and the config. */
export function buildOptions(cli: Cli, config: Config, out = cli.out): BuildOptions {
  const progress = progressLine(process.stderr)
  return {
    config,
    contentDir: cli.content,
    outDir: out,
    templatesDir: path.join(cli.root, 'templates'),
    assetsDir: path.join(cli.root, 'assets'),
    cacheDir: path.join(cli.root, '.cache', 'kogi'),
    ...(cli.workers !== undefined ? { workers: cli.workers } : {}),
    ...(progress ? { onProgress: progress } : {}),
    drafts: cli.drafts,
  }
}

function report(result: BuildResult, cli: Cli, out: string): void {
  const text = formatReport(result.files, cli.verbose)
  if (text) process.stderr.write(text + '\n')
  // `check` builds into a temporary folder it deletes: there is no site to point at.
  const shown = result.written && cli.command !== 'check' ? path.relative(process.cwd(), out) || '.' : undefined
  process.stderr.write(summaryLine({ ...result, out: shown }) + '\n')
  if (cli.verbose) process.stderr.write(`kogi: ${result.cached} of ${result.pages} pages from the cache; ${result.timings.format()}\n`)
  if (cli.command === 'check' || result.errors === 0) return
  const said = result.written ? pagesWithErrors(result) : leftAsItWas(out)
  if (said) process.stderr.write(said + '\n')
}

/** What students see of the pages with errors, in a site written without them. */
function pagesWithErrors(result: BuildResult): string | undefined {
  const count = (rule: string) => result.files.filter((f) => f.messages.some((m) => m.ruleId === rule)).length
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  const said: [string, string, string][] = [
    [KEPT, 'keeps its last good version', 'keep their last good version'],
    [LEFT_OUT, 'is left out', 'are left out'],
    [STAND_IN, "shows kogi's own page instead", "show kogi's own pages instead"],
  ]
  const parts = said.flatMap(([rule, one, many]) => (count(rule) > 0 ? [plural(count(rule), one, many)] : []))
  return parts.length > 0 ? `kogi: the pages without errors were written; of those with errors, ${parts.join(', ')}` : undefined
}

/** What a build that wrote no site says about `out`, as it is now: never more than is true. */
function leftAsItWas(out: string): string {
  if (isKogiSite(out)) return 'kogi: the previous site was left as it was'
  return fs.existsSync(out) ? `kogi: no site was written; ${path.relative(process.cwd(), out) || '.'} was left as it was` : 'kogi: no site was written'
}

/**
 * Run a command; resolves to the process exit code.
 *
 * @param argv Arguments after the script name.
 */
export async function main(argv: string[]): Promise<number> {
  let cli: Cli
  let config: Config
  try {
    cli = parseCli(argv)
    if (cli.command === 'help') {
      process.stdout.write(USAGE)
      return 0
    }
    if (cli.command === 'init') return (await import('./init/run.js')).runInit(cli.root)
    config = loadConfig(cli.root, { ...(cli.base !== undefined ? { base: cli.base } : {}), ...(cli.url !== undefined ? { url: cli.url } : {}) })
    if (!cli.contentGiven) cli.content = path.resolve(cli.root, config.content)
  } catch (error) {
    process.stderr.write(`kogi: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  // Each command loads only what it runs, so `kogi preview` or `--help` starts at once.
  if (cli.command === 'dev') {
    const { startDev } = await import('./dev/dev.js')
    const { url } = await startDev({ root: cli.root, contentDir: cli.content, host: cli.host, port: cli.port, ...(cli.base !== undefined ? { base: cli.base } : {}) })
    process.stdout.write(`kogi: dev server at ${url}, watching for changes (Ctrl-C to stop)\n`)
    return new Promise<number>(() => undefined)
  }
  if (cli.command === 'preview') {
    // A build killed in the middle of its swap left the site beside its place: put it back.
    ;(await import('./pipeline/swap.js')).restoreInterrupted(cli.out)
    if (!fs.existsSync(cli.out)) {
      process.stderr.write(`kogi: ${path.relative(process.cwd(), cli.out)} does not exist; run \`npm run build\` first\n`)
      return 1
    }
    const { serveSite } = await import('./dev/server.js')
    const { url } = await serveSite({ root: cli.out, base: config.base, host: cli.host, port: cli.port })
    process.stdout.write(`kogi: serving ${path.relative(process.cwd(), cli.out) || '.'} at ${url} (Ctrl-C to stop)\n`)
    return new Promise<number>(() => undefined)
  }
  const strict = cli.strict || cli.command === 'check'
  const out = cli.command === 'check' ? fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-check-')) + '/site' : cli.out
  try {
    const options = buildOptions(cli, config, out)
    // A build with nothing to do answers before the build pipeline is even loaded.
    const { inputsKey, upToDate } = await import('./pipeline/up-to-date.js')
    const started = performance.now()
    const inputs = cli.command === 'build' ? inputsKey(options) : undefined
    const result = (inputs && upToDate(options, inputs, started)) || (await (await import('./pipeline/index.js')).build({ ...options, ...(inputs ? { inputs } : {}) }))
    report(result, cli, out)
    return result.errors > 0 || (strict && result.warnings > 0) ? 1 : 0
  } finally {
    if (cli.command === 'check') fs.rmSync(path.dirname(out), { recursive: true, force: true })
  }
}

const invoked = process.argv[1] ? path.resolve(process.argv[1]) : ''
if (invoked.endsWith(`${path.sep}cli.ts`) || invoked.endsWith(`${path.sep}cli.js`) || invoked.endsWith(`${path.sep}kogi.js`)) {
  main(process.argv.slice(2)).then(
    // Not process.exit(): with stderr on a pipe (`kogi build 2>&1 | tee log`) that would cut the
    // report short; the process ends by itself once the report is written.
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`kogi: internal error: ${(error as Error).stack ?? String(error)}\n`)
      process.exitCode = 1
    },
  )
}
