/**
 * Site configuration: defaults, loading `kogi.config.json`, validation at the boundary.
 *
 * Every field is checked once, here, so the rest of kogi can trust the frozen object it gets.
 * A bad field is reported with its name and the value found, before any page is read.
 */
import fs from 'node:fs'
import path from 'node:path'
import { RULE_LEVELS, SETTABLE_RULES, ruleById, type RuleLevel } from './report/rules.js'
import { closestName } from './suggest.js'
import { OWNER_NAME } from './site/repository.js'

/** The instructor-facing settings of a site. */
export interface Config extends ContentConfig {
  /** Site title, shown in the header and in `<title>`. */
  readonly title: string
  /** Author shown in the footer and in `<meta name="author">`. */
  readonly author: string
  /** Language of the pages (`<html lang>`); default `ja`. */
  readonly lang: string
  /** Base path of the site, with a leading and trailing slash (`/` or `/repo/`). */
  readonly base: string
  /** Public origin of the site (`https://example.github.io`), used for absolute URLs; may be empty. */
  readonly url: string
  /** Short description of the site for the home page's `<meta name="description">`. */
  readonly description: string
  /** Site-wide KaTeX macros, `{"\\R": "\\mathbb{R}"}`; every page starts from a fresh copy. */
  readonly macros: Readonly<Record<string, string>>
  /** CSS custom properties that override the theme's, `{"--kogi-accent": "#225"}`. */
  readonly theme: Readonly<Record<string, string>>
  /** Link the first mention of a glossary term in each section to its definition; default true. */
  readonly termLinks: boolean
  /** Levels of the report's rules, `{"img-alt": "off", "broken-link": "error"}` (src/report/rules.ts). */
  readonly rules: Readonly<Record<string, RuleLevel>>
  /** The GitHub repository of the site, "owner/name"; default: the content folder's git `origin`. */
  readonly repository?: string
  /** The branch the site is published from; default: the checkout's current branch. */
  readonly branch?: string
}

type Check = (value: unknown) => string | undefined

// Which folder is the content, and what in it is published (a repository built as it is: `kogi init`).

/** Settings of the content folder. */
export interface ContentConfig {
  /** The content folder, relative to the project folder; `.` builds the repository as it is. */
  readonly content: string
  /** Paths in the content folder not published, as in Jekyll's `exclude:` (`*.ipynb` matches in every folder). */
  readonly exclude: readonly string[]
  /** Paths published although their names start with `_` or `.`, as in Jekyll's `include:`. */
  readonly include: readonly string[]
}

const contentDefaults = { content: 'content', exclude: [], include: [] }

const pathList: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '') ? undefined : 'must be a list of paths such as ["drafts", "*.ipynb"]')

const contentChecks: Record<keyof ContentConfig, Check> = {
  content: (v) => (typeof v === 'string' && v !== '' && !v.startsWith('/') && !v.split(/[\\/]/).includes('..') ? undefined : 'must be a folder inside the project, such as "content" or "."'),
  exclude: pathList,
  include: pathList,
}

/** Where a config came from, for messages. */
export const CONFIG_FILE = 'kogi.config.json'

/** The settings used where the config file says nothing. */
export const defaults = {
  title: 'kogi',
  author: '',
  lang: 'ja',
  base: '/',
  url: '',
  description: '',
  macros: {},
  theme: {},
  termLinks: true,
  rules: {},
  ...contentDefaults,
} satisfies Config

/** A configuration problem: names the field and what was expected. */
export class ConfigError extends Error {
  constructor(file: string, field: string, expected: string, value: unknown) {
    super(`${file}: \`${field}\` ${expected}, got ${JSON.stringify(value)}`)
    this.name = 'ConfigError'
  }
}

const isString: Check = (v) => (typeof v === 'string' ? undefined : 'must be a string')

const stringMap =
  (keyRule: RegExp, keyHint: string): Check =>
  (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object of strings'
    for (const [k, x] of Object.entries(v)) {
      if (!keyRule.test(k)) return `has key ${JSON.stringify(k)}, but keys must be ${keyHint}`
      if (typeof x !== 'string') return `has a non-string value for ${JSON.stringify(k)}`
    }
    return undefined
  }

const didYouMean = (name: string, known: readonly string[]) => {
  const near = closestName(name, known)
  return near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`
}

/** Rule levels: known rules a config may change, each "off", "warning" or "error". */
const ruleLevels: Check = (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object such as {"img-alt": "off"}'
  for (const [id, level] of Object.entries(v)) {
    const rule = ruleById(id)
    if (rule?.kind === 'fixed') return `cannot set ${JSON.stringify(id)}: that problem stops a page from being built, so it is always reported`
    if (rule?.kind === 'note') return `cannot set ${JSON.stringify(id)}: it is a note that only --verbose shows`
    if (rule?.kind !== 'check') return `names an unknown rule ${JSON.stringify(id)}${didYouMean(id, SETTABLE_RULES)} (rules: ${SETTABLE_RULES.join(', ')})`
    if (!(RULE_LEVELS as readonly unknown[]).includes(level)) return `gives ${JSON.stringify(id)} the level ${JSON.stringify(level)}, but a level is ${RULE_LEVELS.map((l) => JSON.stringify(l)).join(', ')}`
  }
  return undefined
}

const checks: Record<keyof Config, Check> = {
  title: isString,
  author: isString,
  lang: (v) => (typeof v === 'string' && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$/.test(v) ? undefined : 'must be a language tag such as "ja" or "en"'),
  base: (v) => (typeof v === 'string' && v.startsWith('/') && !v.includes('//') && !/[?#\s]/.test(v) ? undefined : 'must be a path starting with "/", such as "/" or "/kogi/"'),
  url: (v) => (typeof v === 'string' && (v === '' || /^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(v)) ? undefined : 'must be an http(s) origin such as "https://example.github.io", or ""'),
  description: isString,
  macros: stringMap(/^\\[a-zA-Z@]+$|^\\.$/, 'TeX control sequences such as "\\\\R"'),
  theme: stringMap(/^--[a-zA-Z0-9-]+$/, 'CSS custom properties such as "--kogi-accent"'),
  termLinks: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  rules: ruleLevels,
  repository: (v) => (v === undefined || (typeof v === 'string' && OWNER_NAME.test(v)) ? undefined : 'must be a GitHub repository "owner/name"'),
  branch: (v) => (v === undefined || (typeof v === 'string' && /^[^\s~^:?*[\\]+$/.test(v) && !v.startsWith('-') && !v.includes('..')) ? undefined : 'must be a branch name such as "main"'),
  ...contentChecks,
}

/** Normalise a base path to start and end with a slash. */
export function normaliseBase(base: string): string {
  return base.endsWith('/') ? base : base + '/'
}

/**
 * Merge overrides over the defaults, validate every field and freeze the result.
 *
 * @param raw The parsed config file (or `{}`).
 * @param file The file name used in messages.
 * @param overrides Values from the command line, which win over the file.
 */
export function resolveConfig(raw: unknown, file: string, overrides: Partial<Config> = {}): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(file, '(top level)', 'must be a JSON object', raw)
  }
  for (const key of Object.keys(raw)) {
    if (!(key in checks)) {
      const known = Object.keys(checks)
      throw new ConfigError(file, key, `is not a known key${didYouMean(key, known)} (known: ${known.join(', ')})`, (raw as Record<string, unknown>)[key])
    }
  }
  const merged: Record<string, unknown> = { ...defaults, ...raw }
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) merged[k] = v
  for (const [key, check] of Object.entries(checks)) {
    const problem = check(merged[key])
    if (problem) throw new ConfigError(key in overrides ? 'command line' : file, key, problem, merged[key])
  }
  merged.base = normaliseBase(merged.base as string)
  merged.url = (merged.url as string).replace(/\/+$/, '')
  merged.macros = Object.freeze({ ...(merged.macros as object) })
  merged.theme = Object.freeze({ ...(merged.theme as object) })
  merged.rules = Object.freeze({ ...(merged.rules as object) })
  merged.exclude = Object.freeze([...(merged.exclude as string[])])
  merged.include = Object.freeze([...(merged.include as string[])])
  return Object.freeze(merged) as unknown as Config
}

/**
 * Read `kogi.config.json` from a folder (absent file: defaults) and resolve it.
 *
 * @param root The project folder.
 * @param overrides Values from the command line.
 */
export function loadConfig(root: string, overrides: Partial<Config> = {}): Config {
  const file = path.join(root, CONFIG_FILE)
  let raw: unknown = {}
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8')
    try {
      raw = JSON.parse(text)
    } catch (error) {
      throw new Error(`${CONFIG_FILE}: not valid JSON: ${(error as Error).message}`)
    }
  }
  return resolveConfig(raw, CONFIG_FILE, overrides)
}
