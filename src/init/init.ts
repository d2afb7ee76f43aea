/**
 * `kogi init`: set a repository up to be built by kogi as it is — config, npm scripts, the
 * Pages workflow, .gitignore lines. It never replaces a file that says something else: it says
 * what it left and why. Running it again changes nothing.
 */
import fs from 'node:fs'
import path from 'node:path'
import { CONFIG_FILE } from '../config.js'
import { readJekyllConfig } from './jekyll.js'
import { WORKFLOW, WORKFLOW_FILE } from './workflow.js'

/** The npm scripts kogi's commands run under. */
export const SCRIPTS: Readonly<Record<string, string>> = { build: 'kogi build', dev: 'kogi dev', check: 'kogi check', preview: 'kogi preview' }

/** The lines of .gitignore for what kogi makes and installs. */
export const IGNORED = ['_site/', '.cache/', 'node_modules/']

/** Names Jekyll leaves out by default, which kogi leaves out too: not repeated in the config. */
const DEFAULT_EXCLUDES = new Set(['Gemfile', 'Gemfile.lock', 'node_modules', 'vendor', 'package.json', 'package-lock.json'])

/**
 * Set up a repository.
 *
 * @param root The repository folder.
 * @returns One line per file: what was written, or left and why.
 */
export function init(root: string): string[] {
  return [writeConfig(root), ...writeScripts(root), writeOnce(root, WORKFLOW_FILE, WORKFLOW), writeGitignore(root)]
}

/** The config of a repository without one: Jekyll's settings, content at the root unless there is a content/ folder. */
function configFor(root: string): Record<string, unknown> {
  const jekyll = readJekyllConfig(root) ?? {}
  const exclude = (jekyll.exclude ?? []).filter((e) => !DEFAULT_EXCLUDES.has(e.replace(/\/+$/, '')))
  return {
    title: jekyll.title ?? path.basename(path.resolve(root)),
    description: jekyll.description ?? '',
    base: jekyll.base ?? '/',
    url: jekyll.url ?? '',
    content: fs.existsSync(path.join(root, 'content')) ? 'content' : '.',
    ...(exclude.length > 0 ? { exclude } : {}),
    ...(jekyll.include?.length ? { include: jekyll.include } : {}),
  }
}

function writeConfig(root: string): string {
  if (fs.existsSync(path.join(root, CONFIG_FILE))) return `${CONFIG_FILE}: already there; left as it is`
  const config = configFor(root)
  fs.writeFileSync(path.join(root, CONFIG_FILE), JSON.stringify(config, null, 2) + '\n')
  const from = fs.existsSync(path.join(root, '_config.yml')) ? ", title and address from _config.yml" : ''
  return `${CONFIG_FILE}: written (content folder ${JSON.stringify(config.content)}${from})`
}

function writeScripts(root: string): string[] {
  const file = path.join(root, 'package.json')
  const exists = fs.existsSync(file)
  const text = exists ? fs.readFileSync(file, 'utf8') : ''
  const pkg = (exists ? JSON.parse(text) : { name: npmName(root), private: true }) as { scripts?: Record<string, string> }
  const scripts = { ...(pkg.scripts ?? {}) }
  const said: string[] = []
  const added: string[] = []
  for (const [name, command] of Object.entries(SCRIPTS)) {
    if (scripts[name] === undefined) {
      scripts[name] = command
      added.push(name)
    } else if (scripts[name] !== command) said.push(`package.json: script "${name}" runs \`${scripts[name]}\`; left as it is (kogi's would run \`${command}\`)`)
  }
  if (added.length === 0) return said.length > 0 ? said : ['package.json: scripts already there']
  const indent = /^\{\n([ \t]+)"/.exec(text)?.[1] ?? '  '
  fs.writeFileSync(file, JSON.stringify({ ...pkg, scripts }, null, indent) + '\n')
  return [`package.json: ${exists ? 'added' : 'written with'} scripts ${added.join(', ')}`, ...said]
}

/** A package name from a folder name, as npm accepts it. */
function npmName(root: string): string {
  return path.basename(path.resolve(root)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+/, '') || 'course-site'
}

function writeOnce(root: string, rel: string, text: string): string {
  const file = path.join(root, rel)
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8') === text ? `${rel}: already there` : `${rel}: already there and different; left as it is`
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
  return `${rel}: written`
}

function writeGitignore(root: string): string {
  const file = path.join(root, '.gitignore')
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  // `_site`, `/_site` and `/_site/` ignore the same folder as `_site/`.
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim().replace(/^\//, '').replace(/\/?$/, '/')))
  const missing = IGNORED.filter((line) => !have.has(line))
  if (missing.length === 0) return '.gitignore: already ignores _site/, .cache/ and node_modules/'
  fs.writeFileSync(file, text + (text === '' || text.endsWith('\n') ? '' : '\n') + missing.join('\n') + '\n')
  return `.gitignore: added ${missing.join(', ')}`
}
