/**
 * The YAML of a page's front matter, read with bounds: every problem, aliases included, is a
 * {@link YamlProblem} at the line and column where it is written.
 *
 * A kilobyte of YAML can name a billion values through nested aliases ("billion laughs"), and an
 * alias inside its own anchor makes a value that contains itself; neither can be shown on a page,
 * and both used to stop the whole build far from the file. The expanded size is counted on the
 * document's tree before any value is made, so the cost is that of the text, not of its expansion.
 * The schema is YAML 1.2 core plus timestamps and `<<` merges, which reads lecture front matter as
 * gray-matter's former js-yaml did (dates become dates; `yes` and `2021_1119` stay text).
 */
import { LineCounter, isAlias, isCollection, isMap, isPair, isScalar, parseDocument, type Document } from 'yaml'

/** The `yaml` parser's own alias limit: an anchor and its uses, times the aliases inside what it names. */
export const MAX_ALIAS_COUNT = 100
/** Most values that aliases may add to the front matter when expanded. */
export const MAX_ALIASED_VALUES = 10_000

/** A problem in the YAML, placed in the text given to {@link parseMatterYaml} (line 1 is its first line). */
export class YamlProblem extends Error {
  /**
   * @param reason What is wrong, for the author.
   * @param line Line (1-based) in the parsed text.
   * @param column Column (1-based).
   */
  constructor(
    reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(reason)
  }
}

/** Front matter read from YAML. */
export interface MatterYaml {
  /** The value as JavaScript: objects, arrays, strings, numbers, booleans, dates, null. */
  readonly value: unknown
  /** Line of each top-level key. */
  readonly keyLines: ReadonlyMap<string, number>
  /** The text of each top-level scalar value as written, for values YAML turned into something else. */
  readonly rawValues: ReadonlyMap<string, string>
}

/**
 * Parse front-matter YAML.
 *
 * @param source The YAML text; positions in problems count its lines from 1.
 * @returns The value with the lines of its top-level keys.
 * @throws {YamlProblem} For a syntax error, an unknown or circular alias, or aliases past the limits.
 */
export function parseMatterYaml(source: string): MatterYaml {
  const counter = new LineCounter()
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, customTags: ['timestamp'], merge: true })
  const problem = (reason: string, offset: number): YamlProblem => {
    const { line, col } = counter.linePos(offset)
    return new YamlProblem(reason, line, col)
  }
  const error = doc.errors[0]
  if (error) throw problem(error.message, error.pos[0])
  const firstAlias = checkAliases(doc, problem)
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (cause) {
    // The parser counts uses per anchor, not places: the aliases begin where the trouble does.
    throw problem(`aliases are used more often than the YAML parser allows (${MAX_ALIAS_COUNT}, counting an anchor and the aliases inside what it names): ${(cause as Error).message}`, firstAlias ?? 0)
  }
  const keyLines = new Map<string, number>()
  const rawValues = new Map<string, string>()
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue
      const key = String(pair.key.value)
      if (!keyLines.has(key)) keyLines.set(key, counter.linePos(pair.key.range[0]).line)
      if (isScalar(pair.value) && pair.value.range) rawValues.set(key, source.slice(pair.value.range[0], pair.value.range[1]).replace(/^(['"])(.*)\1$/s, '$2'))
    }
  }
  return { value, keyLines, rawValues }
}

/**
 * Walk the tree in document order, counting the values each alias adds, with anchored sizes
 * remembered so that the walk is linear in the text.
 *
 * @returns The offset of the first alias, if any.
 * @throws {YamlProblem} At an unknown alias, a circular one, or the one past {@link MAX_ALIASED_VALUES}.
 */
function checkAliases(doc: Document, problem: (reason: string, offset: number) => YamlProblem): number | undefined {
  const sizes = new Map<unknown, number>()
  // Collections being walked: an alias to one of them is inside its own anchor.
  const open = new Set<unknown>()
  let added = 0
  let firstAlias: number | undefined
  const walk = (node: unknown): number => {
    if (node === null || node === undefined) return 0
    if (isAlias(node)) {
      const at = node.range?.[0] ?? 0
      firstAlias ??= at
      const target = node.resolve(doc)
      if (!target) throw problem(`alias *${node.source} names no anchor before it`, at)
      if (open.has(target)) throw problem(`alias *${node.source} is inside the value it names, which would contain itself`, at)
      // An anchor comes before its aliases, so its size is known by now.
      const size = sizes.get(target) ?? 1
      added += size
      if (added > MAX_ALIASED_VALUES) throw problem(`aliases expand the front matter by more than ${MAX_ALIASED_VALUES.toLocaleString('en')} values (nested aliases?)`, at)
      return size
    }
    if (isPair(node)) return walk(node.key) + walk(node.value)
    let size = 1
    if (isCollection(node)) {
      open.add(node)
      for (const item of node.items) size += walk(item)
      open.delete(node)
    }
    if ((isScalar(node) || isCollection(node)) && node.anchor) sizes.set(node, size)
    return size
  }
  walk(doc.contents)
  return firstAlias
}
