/**
 * A scripted run of `kogi dev` as a user starts it (a child process), with the content folder a
 * git repository: `sed -i` saves, a save by `mv` over the file, a lecture moved in and out with
 * `mv`, a folder deleted with `rm -rf` and made again, and a `git checkout` of a branch changing
 * 30 lectures are each seen and served. Each step waits on the server's reload event and
 * checks the served page; nothing waits on a clock. The start-up line says whether drafts are
 * shown; `--no-drafts` hides them.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCli } from '../src/cli.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'
import { get } from './helpers/get.js'

const kogi = path.join(projectRoot, 'bin', 'kogi.js')
const lecture = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`
const numbered = Array.from({ length: 30 }, (_, i) => `c/l${String(i + 1).padStart(2, '0')}.md`)
const children: ChildProcess[] = []

/** Start `kogi dev` on a free port in a project; resolves with its URL and start-up line. */
function startKogiDev(dir: string, flags: string[] = []): Promise<{ url: string; line: string }> {
  const child = spawn(process.execPath, [kogi, 'dev', '--port', '0', ...flags], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  child.stderr!.resume()
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk
      const line = /^kogi: dev server at (\S+), .*$/m.exec(out)
      if (line) resolve({ url: line[1]!, line: line[0] })
    })
    child.on('exit', (code) => reject(new Error(`kogi dev ended (${code}) before serving: ${out}`)))
  })
}

/**
 * Do something to the sources, then wait for reloads until the page checked passes.
 *
 * @param url The dev server.
 * @param change The change, made once the event stream is open.
 * @param check Fetches what the change should show; true once it does.
 */
function served(url: string, change: () => void, check: () => Promise<boolean>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url + '__kogi/events', (res) => {
      let changed = false
      let buffer = ''
      res.setEncoding('utf8').on('data', async (chunk: string) => {
        buffer += chunk
        if (!changed) {
          changed = true
          change()
        }
        if (!buffer.includes('event: reload')) return
        buffer = ''
        if (await check()) {
          req.destroy()
          resolve()
        }
      })
    })
    req.on('error', reject)
  })
}

const shows = (url: string, text: string) => async () => (await get(url)).body.includes(text)
const missing = (url: string) => async () => (await get(url)).status === 404

let dir: string
let content: string
let url: string
let line: string
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=kogi', '-c', 'user.email=kogi@example.org', ...args], { cwd: content, stdio: 'ignore' })

beforeAll(async () => {
  const files: Record<string, string> = { 'c/a.md': lecture('A', '最初の本文'), 'd/x.md': lecture('X', 'エックス'), 'c/draft.md': '# D\n\n<!-- 未発表の下書き -->\n' }
  for (const rel of numbered) files[rel] = lecture(rel, `${rel} は main`)
  ;({ dir, content } = tempProject(files))
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
  git('init', '-q', '-b', 'main')
  git('add', '.')
  git('commit', '-q', '-m', 'main')
  git('checkout', '-q', '-b', 'other')
  for (const rel of numbered) fs.writeFileSync(path.join(content, rel), lecture(rel, `${rel} は other`))
  git('commit', '-q', '-am', 'other')
  git('checkout', '-q', 'main')
  ;({ url, line } = await startKogiDev(dir))
})

afterAll(() => {
  for (const child of children) child.kill()
})

describe('kogi dev, a scripted run', () => {
  it('says in its start-up line that it shows drafts, and shows them', async () => {
    expect(line).toBe(`kogi: dev server at ${url}, showing drafts (the text inside HTML comments; --no-drafts hides them), watching for changes (Ctrl-C to stop)`)
    expect((await get(url + 'c/draft/')).body).toContain('未発表の下書き')
  })

  it('sees saves by sed -i and by mv over the file', async () => {
    const a = path.join(content, 'c/a.md')
    await served(url, () => execFileSync('sed', ['-i', 's/最初の本文/sedの一回目/', a]), shows(url + 'c/a/', 'sedの一回目'))
    await served(url, () => execFileSync('sed', ['-i', 's/sedの一回目/sedの二回目/', a]), shows(url + 'c/a/', 'sedの二回目'))
    fs.writeFileSync(path.join(dir, 'a.md.new'), lecture('A', 'mvで保存'))
    await served(url, () => execFileSync('mv', [path.join(dir, 'a.md.new'), a]), shows(url + 'c/a/', 'mvで保存'))
    await served(url, () => execFileSync('sed', ['-i', 's/mvで保存/mvの後のsed/', a]), shows(url + 'c/a/', 'mvの後のsed'))
  })

  it('sees a lecture moved in and out, and a folder deleted and made again', async () => {
    const outside = path.join(dir, 'moved.md')
    fs.writeFileSync(outside, lecture('移ってきた回', '外から来た本文'))
    await served(url, () => execFileSync('mv', [outside, path.join(content, 'c')]), shows(url + 'c/moved/', '外から来た本文'))
    await served(url, () => execFileSync('mv', [path.join(content, 'c/moved.md'), dir]), missing(url + 'c/moved/'))
    await served(url, () => execFileSync('rm', ['-rf', path.join(content, 'd')]), missing(url + 'd/x/'))
    const remake = () => {
      fs.mkdirSync(path.join(content, 'd'))
      fs.writeFileSync(path.join(content, 'd/z.md'), lecture('Z', 'ゼット'))
    }
    await served(url, remake, shows(url + 'd/z/', 'ゼット'))
  })

  it('sees every lecture a git checkout changes', async () => {
    const all = async () => (await Promise.all(numbered.map((rel) => shows(url + rel.replace(/\.md$/, '/'), `${rel} は other`)()))).every(Boolean)
    await served(url, () => git('checkout', '-q', 'other'), all)
  })

  it('hides drafts with --no-drafts and says so', async () => {
    const other = await startKogiDev(dir, ['--no-drafts'])
    expect(other.line).toBe(`kogi: dev server at ${other.url}, drafts hidden (--no-drafts), watching for changes (Ctrl-C to stop)`)
    expect((await get(other.url + 'c/draft/')).body).not.toContain('未発表の下書き')
  })

  it('shows drafts in kogi dev unless --no-drafts, and in a build only with --drafts', () => {
    expect([parseCli(['dev']).drafts, parseCli(['dev', '--no-drafts']).drafts, parseCli(['build']).drafts, parseCli(['build', '--drafts']).drafts]).toEqual([true, false, false, true])
  })
})
