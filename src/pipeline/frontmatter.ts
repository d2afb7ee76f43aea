/**
 * Front matter: parse with gray-matter, validate the keys kogi reads, blank the block out.
 *
 * The block is replaced by as many empty lines as it had, so every later message (a KaTeX
 * error on line 120) still names the line of the original file.
 */
import matter from 'gray-matter'
import type { VFile } from 'vfile'

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

/** Line (1-based) of a top-level key inside the front matter, for messages. */
function keyLine(yaml: string, key: string): number {
  const lines = yaml.split('\n')
  const index = lines.findIndex((l) => l.startsWith(key + ':'))
  return index < 0 ? 1 : index + 2
}

/** The raw text of a key's value, for values YAML turned into something else. */
function rawValue(yaml: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(yaml)
  return m?.[1]?.replace(/^(['"])(.*)\1$/, '$2')
}

/**
 * Where the quote opens that YAML reached the end looking for the close of: the parser names the
 * end of the block, the author needs the line they wrote.
 */
function unclosedQuote(yaml: string, reason: string): { line: number; column: number; name: string } | undefined {
  const kind = /within a (double|single) quoted scalar/.exec(reason)?.[1]
  if (!kind) return undefined
  const q = kind === 'double' ? '"' : "'"
  const lines = yaml.split('\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = new RegExp(`^(\\s*(?:-\\s+)?(?:[^:#]+:\\s+)?)${q}`).exec(lines[i]!)
    if (m && lines[i]!.split(q).length % 2 === 0) return { line: i + 2, column: m[1]!.length + 1, name: kind }
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
  const data: Matter = {}
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
  const yaml = rest.slice(0, close.index)
  const blockEnd = open[0].length + close.index + close[0].length
  const lineCount = text.slice(0, blockEnd).split('\n').length - 1
  file.value = '\n'.repeat(lineCount) + text.slice(blockEnd)

  let parsed: unknown
  try {
    // Passing options turns off gray-matter's unbounded per-string cache.
    parsed = matter(text.slice(0, blockEnd) + '\n', { excerpt: false }).data
  } catch (error) {
    const mark = (error as { mark?: { line: number; column: number } }).mark
    const reason = String((error as { reason?: string }).reason ?? (error as Error).message)
    const quote = unclosedQuote(yaml, reason)
    file.message(quote ? `invalid YAML front matter: this ${quote.name} quote is never closed` : `invalid YAML front matter: ${reason}`, {
      place: quote ?? (mark ? { line: mark.line + 2, column: mark.column + 1 } : { line: 1, column: 1 }),
      ruleId: 'front-matter',
      source: 'kogi',
    }).fatal = true
    return data
  }
  if (parsed === null || parsed === undefined) return data
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    file.message(`front matter must be a mapping of keys to values, got ${Array.isArray(parsed) ? 'a list' : typeof parsed}`, {
      place: { line: 2, column: 1 },
      ruleId: 'front-matter',
      source: 'kogi',
    }).fatal = true
    return data
  }
  Object.assign(data, parsed)
  const lines: Record<string, number> = {}
  for (const key of Object.keys(data)) lines[key] = keyLine(yaml, key)
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
      place: { line: keyLine(yaml, key), column: 1 },
      ruleId: 'front-matter',
      source: 'kogi',
    })
    data[key] = text
  }
  const date = data.date as unknown
  if (date instanceof Date) data.date = formatDate(date)
  else if (date !== undefined && date !== null) data.date = rawValue(yaml, 'date') ?? String(date)
  else delete data.date
  if (data.order !== undefined && (typeof data.order !== 'number' || !Number.isFinite(data.order))) {
    file.message(`\`order\` should be a number, got ${JSON.stringify(data.order)}; ignored`, {
      place: { line: keyLine(yaml, 'order'), column: 1 },
      ruleId: 'front-matter',
      source: 'kogi',
    })
    delete data.order
  }
  return data
}
