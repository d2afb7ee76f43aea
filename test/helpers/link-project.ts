/**
 * A project on the real file system for tests of symbolic links: content/, assets/ (with the
 * project's theme) and templates/, beside a folder `outside/` whose every file holds
 * {@link SECRET}, so a site that publishes any of it is caught by {@link leaks}.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { projectRoot } from './shared.js'

/** Text in every file outside the project's content and assets folders. */
export const SECRET = 'SECRET-OUTSIDE-7f3a'

/** Folders of a test project. */
export interface LinkProject {
  readonly dir: string
  readonly content: string
  readonly assets: string
  readonly outside: string
  readonly out: string
}

/**
 * Make a project. Files are written by path relative to the project folder; `outside/` holds
 * `secret.txt`, `notes.md`, `sub/deep.txt`, `evil.css` and `favicon.svg`.
 *
 * @param files More files, by path relative to the project folder.
 */
export function linkProject(files: Record<string, string> = {}): LinkProject {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-links-'))
  const all: Record<string, string> = {
    'content/c/a.md': '# A\n',
    'outside/secret.txt': SECRET,
    'outside/notes.md': `# ${SECRET}\n`,
    'outside/sub/deep.txt': SECRET,
    'outside/evil.css': `body::after{content:"${SECRET}"}`,
    'outside/favicon.svg': `<svg><title>${SECRET}</title></svg>`,
    'kogi.config.json': JSON.stringify({ title: 'T', url: 'https://example.org' }),
    ...files,
  }
  for (const [rel, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), text)
  }
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
  return { dir, content: path.join(dir, 'content'), assets: path.join(dir, 'assets'), outside: path.join(dir, 'outside'), out: path.join(dir, '_site') }
}

/**
 * Make symbolic links.
 *
 * @param dir The project folder.
 * @param links Target as written in the link, by the link's path relative to `dir`.
 */
export function link(dir: string, links: Record<string, string>): void {
  for (const [at, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(dir, at)), { recursive: true })
    fs.rmSync(path.join(dir, at), { force: true })
    fs.symlinkSync(target, path.join(dir, at))
  }
}

/** Every file of a site, by path, sorted; the theme's files under `_kogi/` apart. */
export function published(out: string): string[] {
  return fs
    .readdirSync(out, { recursive: true, encoding: 'utf8' })
    // The theme, and the mark kogi leaves in every site it writes (src/output/out-dir.ts), apart.
    .filter((rel) => fs.lstatSync(path.join(out, rel)).isFile() && !rel.startsWith('_kogi/') && rel !== '.kogi-site')
    .sort()
}

/** The site's files, theme included, that hold {@link SECRET} or a line of /etc/passwd. */
export function leaks(out: string): string[] {
  return fs
    .readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((rel) => fs.lstatSync(path.join(out, rel)).isFile())
    .filter((rel) => /SECRET-OUTSIDE|root:x:0:0/.test(fs.readFileSync(path.join(out, rel), 'latin1')))
}
