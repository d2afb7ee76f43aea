/**
 * `--out`: kogi replaces only a site it made. A folder of someone's files, a file, a link, `.git`,
 * the home folder, the root, a folder holding the sources: refused before any work, with the
 * reason, every file kept. A new, empty or kogi-made folder is replaced, and so is a site an
 * older kogi made, recognised by kogi's record of its last build.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../src/cli.js'
import { OutputManifest, manifestFile } from '../src/speed/output-manifest.js'
import { SITE_MARK } from '../src/output/out-dir.js'
import { tempProject } from './helpers/build.js'
import { captureStderr } from './helpers/stderr.js'
import { projectRoot } from './helpers/shared.js'

const stderr = captureStderr()

/** A project folder with the repo's templates and theme and one lecture. */
function project(): string {
  const { dir } = tempProject({ 'c/a.md': '# a\n' })
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
  return dir
}

/** Make the given files (path → text) under `dir`. */
function plant(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), text)
  }
}

/** Every file and folder under `dir` (links not followed), with its bytes and modification time. */
function snapshot(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((rel) => {
      const abs = path.join(dir, rel)
      const stat = fs.lstatSync(abs)
      return `${rel} ${stat.mtimeMs} ${stat.isFile() ? fs.readFileSync(abs, 'base64') : stat.isSymbolicLink() ? fs.readlinkSync(abs) : 'dir'}`
    })
    .sort()
}

const rel = (abs: string) => path.relative(process.cwd(), abs) || '.'

/** Build `dir` into `out`; the exit code and the report's error lines and closing line. */
async function build(dir: string, out: string): Promise<{ code: number; errors: string[]; last: string }> {
  stderr.clear()
  const code = await main(['build', '--root', dir, '--out', out])
  const lines = stderr.text.trimEnd().split('\n')
  return { code, errors: lines.filter((l) => l.includes('  error  ')), last: lines.at(-1)! }
}

/** The single error line kogi reports for a refused output folder. */
const refusal = (dir: string, reason: string) => [`${rel(path.join(dir, 'content'))}:1:1  error  ${reason}  out-dir kogi`]

describe('an output folder kogi did not make', () => {
  it('is refused with the reason, and every file in it is kept', async () => {
    const dir = project()
    const out = path.join(dir, 'public')
    plant(out, { README: 'read me\n', 'notes/todo.txt': 'buy chalk\n', '.hidden': 'x' })
    const before = snapshot(dir)
    const r = await build(dir, out)
    expect(r.code).toBe(1)
    expect(r.errors).toEqual(refusal(dir, `output folder ${rel(out)} is not a site kogi made (it holds .hidden, README, notes and no .kogi-site mark); kogi replaces only folders it made, so it stops and leaves this one alone: choose another --out, or delete the folder once if an older kogi made it`))
    expect(r.last).toBe(`kogi: no site was written; ${rel(out)} was left as it was`)
    // Nothing was made beside it either: no staging folder, nothing moved aside.
    expect(snapshot(dir)).toEqual(before)
  })

  it('is refused when it holds a git repository, or is one', async () => {
    const dir = project()
    plant(dir, { '.git/HEAD': 'ref: refs/heads/main\n', '.git/config': '[core]\n', 'site/.git/HEAD': 'ref: refs/heads/gh-pages\n', [`site/${SITE_MARK}`]: '{"generator":"kogi"}\n' })
    const before = snapshot(dir)
    const site = await build(dir, path.join(dir, 'site'))
    expect(site.errors).toEqual(refusal(dir, `output folder ${rel(path.join(dir, 'site'))} holds a git repository (.git), which kogi would delete with the old site; choose another --out`))
    for (const out of ['.git', '.git/pages']) {
      const r = await build(dir, path.join(dir, out))
      expect(r.code).toBe(1)
      expect(r.errors).toEqual(refusal(dir, `output folder ${rel(path.join(dir, out))} is in a git repository's .git folder; choose another --out`))
    }
    expect(snapshot(dir)).toEqual(before)
  })

  it('is refused when it is a file or a symbolic link', async () => {
    const dir = project()
    expect((await build(dir, path.join(dir, 'site'))).code).toBe(0)
    plant(dir, { 'notes.md': 'my notes\n' })
    fs.symlinkSync('site', path.join(dir, 'link'))
    const before = snapshot(dir)
    const file = await build(dir, path.join(dir, 'notes.md'))
    expect(file.errors).toEqual(refusal(dir, `output folder ${rel(path.join(dir, 'notes.md'))} is a file, not a folder; kogi would replace it: choose another --out`))
    const link = await build(dir, path.join(dir, 'link'))
    expect(link.errors).toEqual(refusal(dir, `output folder ${rel(path.join(dir, 'link'))} is a symbolic link to site; kogi would replace the link with a folder: give --out the folder itself`))
    expect(snapshot(dir)).toEqual(before)
  })

  it('is refused when it holds the sources, the cache or the project', async () => {
    const dir = project()
    const before = snapshot(dir)
    const content = rel(path.join(dir, 'content'))
    for (const out of [dir, path.dirname(dir), path.join(dir, 'content'), path.join(dir, 'content/c/site')]) {
      expect((await build(dir, out)).errors).toEqual(refusal(dir, `output folder ${rel(out)} overlaps the content folder ${content}; choose another --out`))
    }
    expect((await build(dir, path.join(dir, 'templates/site'))).errors).toEqual(refusal(dir, `output folder ${rel(path.join(dir, 'templates/site'))} overlaps the templates folder ${rel(path.join(dir, 'templates'))}; choose another --out`))
    expect((await build(dir, path.join(dir, '.cache'))).errors).toEqual(refusal(dir, `output folder ${rel(path.join(dir, '.cache'))} holds kogi's cache folder ${rel(path.join(dir, '.cache/kogi'))}; choose another --out`))
    // Checked against the real folder, whatever link the path goes through.
    fs.symlinkSync(dir, path.join(path.dirname(dir), `${path.basename(dir)}-link`))
    const viaLink = path.join(path.dirname(dir), `${path.basename(dir)}-link`, 'content')
    expect((await build(dir, viaLink)).errors).toEqual(refusal(dir, `output folder ${rel(viaLink)} overlaps the content folder ${content}; choose another --out`))
    expect(snapshot(dir)).toEqual(before)
  })

  it('is refused when it is the root of the file system', async () => {
    const dir = project()
    const r = await build(dir, '/')
    expect(r.errors).toEqual(refusal(dir, 'output folder / is the root of the file system; choose another --out'))
    expect(r.last).toBe('kogi: no site was written; ' + rel('/') + ' was left as it was')
  })
})

describe('the home folder as --out', () => {
  const home = process.env.HOME
  afterEach(() => {
    process.env.HOME = home
  })

  it('is refused, and so is a folder holding it, when the project lies elsewhere', async () => {
    const dir = project()
    const user = tempProject({}).dir
    plant(user, { '.bashrc': 'alias ll="ls -l"\n', 'Documents/thesis.tex': '\\documentclass{article}\n' })
    process.env.HOME = user
    const before = snapshot(user)
    expect((await build(dir, user)).errors).toEqual(refusal(dir, `output folder ${rel(user)} is the home folder; choose another --out`))
    expect((await build(dir, path.dirname(user))).errors).toEqual(refusal(dir, `output folder ${rel(path.dirname(user))} holds the home folder ${user}; choose another --out`))
    expect(snapshot(user)).toEqual(before)
  })
})

describe('an output folder kogi may replace', () => {
  it('is a new or empty folder, then the site kogi made there, which carries its mark', async () => {
    const dir = project()
    const out = path.join(dir, 'public')
    fs.mkdirSync(out)
    expect((await build(dir, out)).code).toBe(0)
    expect(JSON.parse(fs.readFileSync(path.join(out, SITE_MARK), 'utf8'))).toEqual({ generator: 'kogi', note: 'kogi made this folder and replaces it whole at every build; files added here are not kept.' })
    fs.writeFileSync(path.join(dir, 'content/c/a.md'), '# changed\n')
    expect((await build(dir, out)).code).toBe(0)
    expect(fs.readFileSync(path.join(out, 'c/a/index.html'), 'utf8')).toContain('changed')
    expect(fs.readdirSync(dir).filter((n) => n.includes('.kogi-'))).toEqual([])
  })

  it('is a site an older kogi made, with no mark but every file in its record of the last build', async () => {
    const dir = project()
    const out = path.join(dir, '_site')
    expect((await build(dir, out)).code).toBe(0)
    // What an older kogi left: the same site without the mark, and a record listing each file.
    fs.rmSync(path.join(out, SITE_MARK))
    const record = new OutputManifest(manifestFile(path.join(dir, '.cache/kogi'), out), out)
    for (const f of fs.readdirSync(out, { recursive: true, encoding: 'utf8' })) if (fs.statSync(path.join(out, f)).isFile()) record.record(f, 'older', path.join(out, f))
    record.save()
    fs.writeFileSync(path.join(dir, 'content/c/a.md'), '# changed\n')
    expect((await build(dir, out)).code).toBe(0)
    expect(fs.existsSync(path.join(out, SITE_MARK))).toBe(true)

    // A file the record does not list makes it someone's folder again.
    fs.rmSync(path.join(out, SITE_MARK))
    plant(out, { 'notes.txt': 'mine\n' })
    const r = await build(dir, out)
    expect(r.code).toBe(1)
    expect(r.errors[0]).toContain(`output folder ${rel(out)} is not a site kogi made (it holds 404.html, _kogi, c, … (6 entries) and no .kogi-site mark)`)
    expect(fs.readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('mine\n')
  })

  it("is a folder in kogi's cache folder, kogi's own (the dev server's site)", async () => {
    const dir = project()
    const out = path.join(dir, '.cache/kogi/dev/site')
    plant(out, { 'index.html': 'written before sites were marked\n' })
    expect((await build(dir, out)).code).toBe(0)
    expect(fs.existsSync(path.join(out, SITE_MARK))).toBe(true)
  })
})

describe('what a failed build says about the output folder', () => {
  it('says the previous site stayed only when there is one', async () => {
    const dir = project()
    const out = path.join(dir, '_site')
    fs.writeFileSync(path.join(dir, 'templates/layouts/default.liquid'), '{% if %}')
    const first = await build(dir, out)
    expect(first.code).toBe(1)
    expect(first.last).toBe('kogi: no site was written')
    expect(fs.existsSync(out)).toBe(false)
    fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
    expect((await build(dir, out)).code).toBe(0)
    fs.writeFileSync(path.join(dir, 'templates/layouts/default.liquid'), '{% if %}')
    const again = await build(dir, out)
    expect(again.code).toBe(1)
    expect(again.last).toBe('kogi: the previous site was left as it was')
  })
})
