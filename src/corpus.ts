/**
 * Compatibility report: build any folder of lectures and say how well it rendered.
 *
 * `npm run check:corpus -- <dir>` builds `<dir>` into a temporary folder with the project's
 * templates and prints (as JSON with `--json`) pages, formulas typeset (elements with class `katex` in the built
 * pages, which is what a reader sees), formula errors with path:line, kramdown attribute-list
 * text leaking into a page's visible text, and warnings by rule. Exit 1 when a page failed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from './config.js'
import { build, type BuildResult } from './stages/build.js'

/** What {@link checkCorpus} measured. */
export interface CorpusReport {
  readonly pages: number
  /** Elements with class `katex` across the built pages. */
  readonly typeset: number
  /** KaTeX failures as `path:line:col  reason`. */
  readonly formulaErrors: string[]
  /** Of those, failures on `\label`/`\ref`/`\eqref`, which the labels work handles. */
  readonly labelErrors: string[]
  /** Attribute-list text seen by a reader, as `page: excerpt`. */
  readonly leaks: string[]
  /** Count of warnings and errors per rule. */
  readonly rules: Record<string, number>
  readonly result: BuildResult
}

/** The text a reader sees: no tags, scripts, styles or TeX annotations. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|annotation)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x3A;|&#58;/gi, ':')
    .replace(/&amp;/g, '&')
}

const LEAK = /\{:|\{\s*target\s*=/g

function htmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).map((f) => path.join(dir, f))
}

/**
 * Build a folder of lectures and measure it.
 *
 * @param contentDir The lectures.
 * @param root The project folder (templates, assets, kogi.config.json).
 */
export async function checkCorpus(contentDir: string, root: string): Promise<CorpusReport> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-corpus-'))
  const outDir = path.join(tmp, 'site')
  try {
    const config = loadConfig(root, {})
    const result = await build({ config, contentDir, outDir, templatesDir: path.join(root, 'templates'), assetsDir: path.join(root, 'assets') })
    const formulaErrors: string[] = []
    const rules: Record<string, number> = {}
    for (const file of result.files) {
      for (const m of file.messages) {
        if (m.fatal === null || m.fatal === undefined) continue
        rules[m.ruleId ?? 'unknown'] = (rules[m.ruleId ?? 'unknown'] ?? 0) + 1
        if (m.ruleId === 'katex' || m.ruleId === 'katex-macros') formulaErrors.push(`${file.path}:${m.line ?? 1}:${m.column ?? 1}  ${String(m.reason).replace(/\s+/g, ' ')}`)
      }
    }
    let typeset = 0
    const leaks: string[] = []
    if (fs.existsSync(outDir)) {
      for (const f of htmlFiles(outDir)) {
        const html = fs.readFileSync(f, 'utf8')
        typeset += html.match(/class="katex"/g)?.length ?? 0
        const text = visibleText(html)
        for (const m of text.matchAll(LEAK)) leaks.push(`${path.relative(outDir, f)}: ${text.slice(m.index, m.index + 40).replace(/\s+/g, ' ')}`)
      }
    }
    const labelErrors = formulaErrors.filter((e) => /\\(label|ref|eqref)\b/.test(e.replace(/[\u0332]/g, '')))
    return { pages: result.pages, typeset, formulaErrors, labelErrors, leaks, rules, result }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

/** Print a report as plain text. */
export function formatCorpusReport(report: CorpusReport): string {
  const lines = [
    `pages: ${report.pages}`,
    `formulas typeset (class="katex"): ${report.typeset}`,
    `formula errors: ${report.formulaErrors.length}`,
    ...report.formulaErrors.map((e) => `  ${e}`),
    `  of which on \\label/\\ref/\\eqref: ${report.labelErrors.length}`,
    `attribute-list leaks: ${report.leaks.length}`,
    ...report.leaks.map((l) => `  ${l}`),
    `warnings and errors by rule:`,
    ...Object.entries(report.rules)
      .sort((a, b) => b[1] - a[1])
      .map(([rule, n]) => `  ${rule}: ${n}`),
  ]
  return lines.join('\n')
}

const invoked = process.argv[1] ? path.resolve(process.argv[1]) : ''
if (invoked.endsWith(`${path.sep}corpus.ts`) || invoked.endsWith(`${path.sep}corpus.js`)) {
  const dir = process.argv[2]
  if (!dir) {
    process.stderr.write('usage: npm run check:corpus -- <folder of lectures> [--json]\n')
    process.exit(2)
  }
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
  checkCorpus(path.resolve(dir), root).then(
    (report) => {
      const { result, ...numbers } = report
      const json = process.argv.includes('--json')
      process.stdout.write((json ? JSON.stringify({ ...numbers, errors: result.errors, warnings: result.warnings }) : formatCorpusReport(report)) + '\n')
      // exitCode, not exit(): exiting at once could cut the report short on a pipe.
      process.exitCode = report.result.errors > 0 ? 1 : 0
    },
    (error: unknown) => {
      process.stderr.write(`check:corpus: ${(error as Error).stack ?? String(error)}\n`)
      process.exitCode = 1
    },
  )
}
