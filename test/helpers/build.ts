/**
 * Build a site from files given inline, into a temporary folder, for tests.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig, resolveConfig, type Config } from '../../src/config.js'
import { build, type BuildResult } from '../../src/stages/build.js'
import { formatReport } from '../../src/stages/report.js'
import { projectRoot } from './shared.js'

/** A finished test build. */
export interface TestBuild {
  readonly dir: string
  readonly content: string
  readonly out: string
  readonly result: BuildResult
  /** Every reported line, as the CLI prints it. */
  readonly report: string
  /** Read a file of the built site. */
  read(rel: string): string
}

/** Make a temporary project folder holding `content/` with the given files. */
export function tempProject(files: Record<string, string | Buffer>): { dir: string; content: string; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-test-'))
  const content = path.join(dir, 'content')
  for (const [rel, data] of Object.entries(files)) {
    const abs = path.join(content, rel)
    fs.mkdirSync(path.dirname(abs), { recursive: true })
    fs.writeFileSync(abs, data)
  }
  fs.mkdirSync(content, { recursive: true })
  return { dir, content, out: path.join(dir, '_site') }
}

/**
 * Build inline content with the project's own templates and theme.
 *
 * @param files Content files by path relative to `content/`.
 * @param config Config fields to override.
 * @param extra Other folders, and `workers: 0` to render in this thread.
 */
export async function buildFiles(files: Record<string, string | Buffer>, config: Partial<Config> = {}, extra: { templatesDir?: string; contentDir?: string; workers?: number } = {}): Promise<TestBuild> {
  const { dir, content, out } = tempProject(files)
  const result = await build({
    config: resolveConfig({}, 'test', config),
    contentDir: extra.contentDir ?? content,
    outDir: out,
    templatesDir: extra.templatesDir ?? path.join(projectRoot, 'templates'),
    assetsDir: path.join(projectRoot, 'assets'),
    cwd: dir,
    ...(extra.workers !== undefined ? { workers: extra.workers } : {}),
  })
  return { dir, content, out, result, report: formatReport(result.files), read: (rel) => fs.readFileSync(path.join(out, rel), 'utf8') }
}

/**
 * Build the project's own content/ (the seed) with its config, templates and theme into a
 * temporary folder.
 *
 * @param extra Build options to add, such as `drafts`.
 */
export async function buildProject(extra: { drafts?: boolean } = {}): Promise<{ out: string; result: BuildResult }> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-project-')), '_site')
  const result = await build({
    config: loadConfig(projectRoot),
    contentDir: path.join(projectRoot, 'content'),
    outDir: out,
    templatesDir: path.join(projectRoot, 'templates'),
    assetsDir: path.join(projectRoot, 'assets'),
    cwd: projectRoot,
    ...extra,
  })
  return { out, result }
}

/**
 * Forget the record of the last build, so the next build with unchanged sources runs the whole
 * pipeline (page cache, site pass, writing) instead of finding its site up to date
 * (src/speed/up-to-date.ts): for tests of what a warm build does.
 */
export function forgetLastBuild(cacheDir: string): void {
  fs.rmSync(path.join(cacheDir, 'last-build.bin'), { force: true })
}
