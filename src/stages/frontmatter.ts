/**
 * Front matter: parse with gray-matter (its YAML engine bounded, see matter-yaml.ts), validate
 * the keys kogi reads, blank the block out.
 *
 * The block is replaced by as many empty lines as it had, so every later message (a KaTeX
 * error on line 120) still names the line of the original file. Keys are kept in an object
 * without a prototype, so a key named `__proto__` is a key like any other.
 */
import matter from 'gray-matter'
import type { VFile } from 'vfile'
import { parseMatterYaml, YamlProblem, type MatterYaml } from './matter-yaml.js'
import { kilobytes } from './read.js'

/** Front matter after validation; extra keys are kept for templates. */
export interface Matter {
  title?: string
  author?: string
  layout?: string
  /** Kept as the author wrote it when it is not a real date (`2021_1119`). */
  date?: string
  order?: number
  [key: string]: unknown
}

const OPEN = /^---[ \t]*\r?\n/
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m

/**
 * Most bytes of front matter read: 36 times the longest in the corpus (450 bytes). Past it,
 * gray-matter's search for comment lines costs the square of a run of blank lines (64 KB of
 * them take 4 s; 16 KB, a quarter of a second).
 */
export const MAX_FRONT_MATTER_BYTES = 16 * 1024

/**
 * Where the quote opens that YAML reached the end looking for the close of: the parser names the
 * end of the block, the author needs the line they wrote.
 *
 * @param yaml The front matter between its `---` lines.
 * @param reason The parser's message.
 */
function unclosedQuote(yaml: string, reason: string): { line: number; column: number; name: string } | undefined {
  const q = /Missing closing (["'])quote/.exec(reason)?.[1]
  if (!q) return undefined
  const lines = yaml.split('\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = new RegExp(`^(\\s*(?:-\\s+)?(?:[^:#]+:\\s+)?)${q}`).exec(lines[i]!)
    if (m && lines[i]!.split(q).length % 2 === 0) return { line: i + 2, column: m[1]!.length + 1, name: q === '"' ? 'double' : 'single' }
  }
  return undefined
}

function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/**
 * Split front matter off a file's text, validate it and store it in `file.data.matter`.
 *
 * @param file A VFile holding the decoded source; its value is replaced by the body with the
 *   front matter blanked out. Problems become messages on the file; a fatal one for YAML that
 *   cannot be read.
 * @returns The validated front matter (`{}` where there is none).
 */
export function readFrontMatter(file: VFile): Matter {
  const text = String(file.value)
  const open = OPEN.exec(text)
  const data: Matter = Object.create(null) as Matter
  file.data.matter = data
  if (!open) return data
  const rest = text.slice(open[0].length)
  const close = CLOSE.exec(rest)
  if (!close) {
    // A lone `---` is a thematic break, as in Jekyll; followed by `key: value`, it opened a front matter never closed.
    if (/^[A-Za-z_][\w-]*:(\s|$)/.test(rest)) {
      file.message('front matter is not closed: add a `---` line after its last key (until then it shows as text)', { place: { line: 1, column: 1 }, ruleId: 'front-matter', source: 'kogi' })
    }
    return data
  }
  const blockEnd = open[0].length + close.index + close[0].length
  const lineCount = text.slice(0, blockEnd).split('\n').length - 1
  file.value = '\n'.repeat(lineCount) + text.slice(blockEnd)
  const fail = (reason: string, line: number, column: number): Matter => {
    file.message(reason, { place: { line, column }, ruleId: 'front-matter', source: 'kogi' }).fatal = true
    return data
  }

  const bytes = Buffer.byteLength(rest.slice(0, close.index))
  if (bytes > MAX_FRONT_MATTER_BYTES) return fail(`front matter is ${kilobytes(bytes)}; kogi reads at most ${kilobytes(MAX_FRONT_MATTER_BYTES)} of it`, 1, 1)
  let read: MatterYaml | undefined
  try {
    // gray-matter hands its engine the block from the end of the opening `---` (so the YAML's
    // lines are the file's) up to "\n---", which leaves the "\r" of a CRLF file's last line for
    // `yaml` to take as text after the value. It skips the engine for a block of comments only,
    // and passing options turns off its unbounded per-string cache.
    const parse = (yaml: string) => (read = parseMatterYaml(yaml.replace(/\r$/, '')))
    matter(text.slice(0, blockEnd) + '\n', { excerpt: false, engines: { yaml: { parse } } })
  } catch (error) {
    if (error instanceof YamlProblem) {
      const quote = unclosedQuote(rest.slice(0, close.index), error.message)
      if (quote) return fail(`invalid YAML front matter: this ${quote.name} quote is never closed`, quote.line, quote.column)
      return fail(`invalid YAML front matter: ${error.message}`, error.line, error.column)
    }
    return fail(`invalid YAML front matter: ${(error as Error).message}`, 1, 1)
  }
  if (read === undefined) return data
  const { value: parsed, keyLines, rawValues } = read
  if (parsed === null || parsed === undefined) return data
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail(`front matter must be a mapping of keys to values, got ${Array.isArray(parsed) ? 'a list' : typeof parsed}`, 2, 1)
  }
  // On an object without a prototype, a `__proto__` key is set as an own key.
  Object.assign(data, parsed)
  const lines: Record<string, number> = Object.create(null) as Record<string, number>
  for (const key of Object.keys(data)) lines[key] = keyLines.get(key) ?? 1
  file.data.matterLines = lines
  for (const key of ['title', 'author', 'layout'] as const) {
    const value = data[key] as unknown
    if (value === undefined || value === null) {
      delete data[key]
      continue
    }
    if (typeof value === 'string') continue
    const text = Array.isArray(value) ? value.join(' ') : String(value)
    file.message(`\`${key}\` should be text, got ${Array.isArray(value) ? 'a list' : typeof value} ${JSON.stringify(value)}; using ${JSON.stringify(text)}`, {
      place: { line: lines[key]!, column: 1 },
      ruleId: 'front-matter',
      source: 'kogi',
    })
    data[key] = text
  }
  const date = data.date as unknown
  if (date instanceof Date) data.date = formatDate(date)
  else if (typeof date === 'string') data.date = date
  else if (date !== undefined && date !== null) data.date = rawValues.get('date') ?? String(date)
  else delete data.date
  if (data.order !== undefined && (typeof data.order !== 'number' || !Number.isFinite(data.order))) {
    file.message(`\`order\` should be a number, got ${JSON.stringify(data.order)}; ignored`, {
      place: { line: lines.order ?? 1, column: 1 },
      ruleId: 'front-matter',
      source: 'kogi',
    })
    delete data.order
  }
  return data
}
