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
import type { BuildOptions } from './stages/build.js'
import { progressLine } from './report/progress.js'
import { printReport } from './report/build-report.js'

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
  --no-drafts     hide them in \`kogi dev\`, which shows them by default
  --root DIR      project folder holding kogi.config.json, templates/, assets/ (default: .)
  --port N        preview port (default: 4000)
  --host ADDR     preview address (default: 127.0.0.1)
  --verbose       list every problem at its line, informational messages and the time of each stage
  --format F      plain (default), or github: annotations and the job summary in GitHub Actions
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
  /** How problems are reported: `plain`, or `github` for annotations and the job summary. */
  format: 'plain' | 'github'
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
    allowNegative: true,
    options: {
      content: { type: 'string' },
      out: { type: 'string' },
      base: { type: 'string' },
      url: { type: 'string' },
      strict: { type: 'boolean', default: false },
      drafts: { type: 'boolean' },
      verbose: { type: 'boolean', default: false },
      root: { type: 'string' },
      port: { type: 'string' },
      workers: { type: 'string' },
      host: { type: 'string' },
      format: { type: 'string', default: 'plain' },
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
  const format = values.format
  if (format !== 'plain' && format !== 'github') throw new Error(`--format must be plain or github, got ${JSON.stringify(format)}`)
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
    // The dev site is never deployed: it shows drafts unless told not to.
    drafts: values.drafts ?? command === 'dev',
    verbose: values.verbose ?? false,
    format,
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

/**
 * The dev server's start-up line: where it serves, whether it shows drafts, that it watches.
 *
 * @param url The address it serves.
 * @param drafts Whether it shows drafts.
 */
export function devStartLine(url: string, drafts: boolean): string {
  const shown = drafts ? 'showing drafts (the text inside HTML comments; --no-drafts hides them)' : 'drafts hidden (--no-drafts)'
  return `kogi: dev server at ${url}, ${shown}, watching for changes (Ctrl-C to stop)`
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
    const { url } = await startDev({ root: cli.root, contentDir: cli.content, siteDir: cli.out, drafts: cli.drafts, host: cli.host, port: cli.port, ...(cli.base !== undefined ? { base: cli.base } : {}) })
    process.stdout.write(devStartLine(url, cli.drafts) + '\n')
    return new Promise<number>(() => undefined)
  }
  if (cli.command === 'preview') {
    // A build killed in the middle of its swap left the site beside its place: put it back.
    ;(await import('./output/swap.js')).restoreInterrupted(cli.out)
    if (!fs.existsSync(cli.out)) {
      process.stderr.write(`kogi: ${path.relative(process.cwd(), cli.out)} does not exist; run \`npm run build\` first\n`)
      return 1
    }
    const { serveSite } = await import('./dev/server.js')
    // A site built with --base /kogi/ names its theme under /kogi/: serve it there unless told otherwise.
    const built = cli.base === undefined ? (await import('./dev/built-base.js')).builtBase(cli.out) : undefined
    const base = built ?? config.base
    const { url } = await serveSite({ root: cli.out, base, host: cli.host, port: cli.port })
    if (built !== undefined && built !== config.base) process.stdout.write(`kogi: the site was built for the base path ${built} (not the config's ${config.base}); serving it there\n`)
    process.stdout.write(`kogi: serving ${path.relative(process.cwd(), cli.out) || '.'} at ${url} (Ctrl-C to stop)\n`)
    return new Promise<number>(() => undefined)
  }
  const strict = cli.strict || cli.command === 'check'
  const out = cli.command === 'check' ? fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-check-')) + '/site' : cli.out
  try {
    const options = buildOptions(cli, config, out)
    // A build with nothing to do answers before the build pipeline is even loaded.
    const { inputsKey, upToDate } = await import('./speed/up-to-date.js')
    const started = performance.now()
    const inputs = cli.command === 'build' ? inputsKey(options) : undefined
    const result = (inputs && upToDate(options, inputs, started)) || (await (await import('./stages/build.js')).build({ ...options, ...(inputs ? { inputs } : {}) }))
    const { errors, warnings } = printReport(result, { ...cli, out, rules: config.rules, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) })
    return errors > 0 || (strict && warnings > 0) ? 1 : 0
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
