/**
 * Reading one kramdown attribute list: `{:target="_blank"}`, `{: .center #fig1 style="…"}`,
 * `{target="_blank"}`, with the misspellings this author has made reported and corrected.
 * A list may run over several lines, as kramdown reads it (`{:target="_b` ⏎ `lank"}` when the
 * author's editor wrapped it).
 */

/** A problem found in an attribute list, with the fix to suggest. */
export interface AttributeProblem {
  readonly reason: string
}

/** Attributes read from a list, as hast properties (`className` as an array). */
export interface ParsedAttributes {
  readonly attributes: Record<string, string | string[]>
  readonly problems: AttributeProblem[]
}

const TOKEN = /\s*(?:([.#])([\w-]+)|([A-Za-z_:][\w:.-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'}]+)))?)/y

/**
 * A value as meant when the editor wrapped it: a line break inside a single word (`_b` ⏎
 * `lank`) is dropped, one between words (`a long` ⏎ `title`) is a space.
 */
function unwrap(value: string): string {
  if (!value.includes('\n')) return value
  const joined = value.replace(/[ \t]*\r?\n[ \t]*/g, '')
  return /\s/.test(joined) ? value.replace(/\s*\n\s*/g, ' ') : joined
}

/**
 * A list as messages quote it: on one line, though the author's editor wrapped it.
 *
 * @param list The list including its braces.
 */
export const oneLine = (list: string): string => list.replace(/\s*\n\s*/g, ' ')

/** Levenshtein distance, small strings only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = row[j]!
      row[j] = next
    }
  }
  return row[b.length]!
}

/**
 * Parse `{:…}` or `{…}` into attributes, or undefined when it is not an attribute list
 * (so text like `{x}` stays text).
 *
 * @param list The list including its braces.
 */
export function parseAttributeList(list: string): ParsedAttributes | undefined {
  const parsed = readList(list)
  // A `{:…}` that cannot be read is still kramdown syntax, never text for the reader.
  if (!parsed && list.startsWith('{:')) return { attributes: {}, problems: [{ reason: `cannot read the attribute list \`${oneLine(list)}\`; write it as {: key="value" .class #id}` }] }
  return parsed
}

function readList(list: string): ParsedAttributes | undefined {
  const colon = list.startsWith('{:')
  const body = list.slice(colon ? 2 : 1, -1)
  if (!colon && !/=/.test(body)) return undefined
  const attributes: Record<string, string | string[]> = {}
  const problems: AttributeProblem[] = []
  const classes: string[] = []
  let at = 0
  while (at < body.length && body.slice(at).trim() !== '') {
    TOKEN.lastIndex = at
    const m = TOKEN.exec(body)
    if (!m || TOKEN.lastIndex === at) return undefined
    at = TOKEN.lastIndex
    if (m[1] === '.') classes.push(m[2]!)
    else if (m[1] === '#') attributes.id = m[2]!
    else {
      let key = m[3]!
      const written = m[4] ?? m[5] ?? m[6]
      let value = written === undefined ? undefined : unwrap(written)
      if (key !== 'target' && distance(key, 'target') <= 2 && value !== undefined) {
        problems.push({ reason: `unknown attribute \`${key}\` in \`${oneLine(list)}\`; did you mean \`target\`? (write {:target="_blank"})` })
        key = 'target'
      }
      if (key === 'target' && value === undefined) {
        problems.push({ reason: `\`${oneLine(list)}\` has no value; write {:target="_blank"} to open the link in a new tab` })
        value = '_blank'
      }
      if (key === 'target' && value !== '_blank' && distance(value!.replace(/^_?/, '_'), '_blank') <= 2 && !/^_(self|parent|top)$/.test(value!)) {
        problems.push({ reason: `target="${value}" in \`${oneLine(list)}\` is not a new tab; did you mean target="_blank"?` })
        value = '_blank'
      }
      if (key === 'class') classes.push(...(value ?? '').split(/\s+/).filter(Boolean))
      else if (value !== undefined) attributes[key] = value
      else return undefined
    }
  }
  if (classes.length > 0) attributes.className = classes
  return { attributes, problems }
}
