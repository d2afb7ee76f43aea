/**
 * Guard: cap indentation and block-quote markers before parsing.
 *
 * micromark's time grows with the square of container depth (a 1,000-deep list, 1 MB of
 * indentation, takes about 40 s to parse), so pathological nesting is cut down in the source,
 * where it is cheap, with a message at the first line touched. No real lecture comes close:
 * the limits are far beyond anything readable.
 */
import type { VFile } from 'vfile'

/** Widest indentation kept, in columns. */
export const MAX_INDENT = 128
/** Most `>` markers kept at the start of a line. */
export const MAX_QUOTES = 64

// Blank lines do not count: a blanked-out comment leaves lines of spaces behind.
const DEEP = new RegExp(`^(?:[ \\t]{${MAX_INDENT + 1},}(?=\\S)|(?:[ \\t]*>){${MAX_QUOTES + 1},})`, 'm')

/**
 * Cap the nesting a page's source can express; lines and their count are kept.
 *
 * @param file The page; its value is rewritten only when a line goes past the limits.
 */
export function limitNesting(file: VFile): void {
  const text = String(file.value)
  if (!DEEP.test(text)) return
  let first: number | undefined
  const lines = text.split('\n').map((line, i) => {
    const indent = /^[ \t]*/.exec(line)![0]
    let out = line
    if (indent.length < line.length && indent.replace(/\t/g, '    ').length > MAX_INDENT) out = ' '.repeat(MAX_INDENT) + line.slice(indent.length)
    const quotes = /^(?:[ \t]*>)+/.exec(out)?.[0]
    if (quotes && (quotes.match(/>/g)?.length ?? 0) > MAX_QUOTES) out = '>'.repeat(MAX_QUOTES) + ' ' + out.slice(quotes.length)
    if (out !== line && first === undefined) first = i + 1
    return out
  })
  file.value = lines.join('\n')
  file.message(`nesting deeper than ${MAX_INDENT} columns of indentation or ${MAX_QUOTES} quote levels is cut to that depth, from this line on`, {
    place: { line: first ?? 1, column: 1 },
    ruleId: 'nesting',
    source: 'kogi',
  })
}
