/**
 * Atomic output: whatever moment a build is killed at, the output folder holds either the
 * previous site or the complete new one, and the next build removes the leftovers.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cleanStale, SiteWriter } from '../src/pipeline/write.js'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx')
const cli = path.join(projectRoot, 'src', 'cli.ts')

function runCli(args: string[]): Promise<number> {
  return new Promise((resolve) => spawn(tsx, [cli, ...args], { stdio: 'ignore' }).on('exit', (code) => resolve(code ?? -1)))
}

describe('atomic output', () => {
  it('a killed build leaves the previous site whole, and the next build cleans up', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 30; i++) files[`c/lect${i}.md`] = `# 第${i}回\n\n` + '本文と **強調**。\n\n'.repeat(100)
    const { dir } = tempProject(files)
    fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
    fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
    expect(await runCli(['build', '--root', dir])).toBe(0)
    const site = path.join(dir, '_site')
    const old = fs.readFileSync(path.join(site, 'c/lect7/index.html'), 'utf8')

    fs.writeFileSync(path.join(dir, 'content/c/lect7.md'), '# changed\n')
    const child = spawn(tsx, [cli, 'build', '--root', dir], { stdio: 'ignore', detached: true })
    // Kill it as soon as its staging folder appears (or when it is done, whichever is first).
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (fs.readdirSync(dir).some((n) => n.includes('.kogi-tmp-')) || child.exitCode !== null) {
          clearInterval(poll)
          try {
            process.kill(-child.pid!, 'SIGKILL')
          } catch {
            // already gone
          }
          resolve()
        }
      }, 5)
    })
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.on('exit', resolve)))
    // The build runs in a child of tsx: wait (bounded) until the process that owns the staging
    // folder, named in it, is really gone before asking the next build to clean up.
    for (const name of fs.readdirSync(dir).filter((n) => n.includes('.kogi-tmp-'))) {
      const pid = Number(name.split('.kogi-tmp-')[1]!.split('-')[0])
      for (let i = 0; i < 200; i++) {
        try {
          process.kill(pid, 0)
        } catch {
          break
        }
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    const now = fs.readFileSync(path.join(site, 'c/lect7/index.html'), 'utf8')
    // Either untouched or wholly replaced; never a half-written folder.
    expect([old, 'new']).toContain(now.includes('changed') ? 'new' : now)
    expect(fs.readdirSync(site).sort()).toEqual(expect.arrayContaining(['c', 'index.html', '_kogi']))

    expect(await runCli(['build', '--root', dir])).toBe(0)
    expect(fs.readdirSync(dir).filter((n) => n.includes('.kogi-'))).toEqual([])
    expect(fs.readFileSync(path.join(site, 'c/lect7/index.html'), 'utf8')).toContain('changed')
  }, 180_000)

  it('keeps the staging folder of a build that is still running', () => {
    const { dir } = tempProject({})
    const out = path.join(dir, '_site')
    const running = new SiteWriter(out)
    const dead = path.join(dir, '._site.kogi-tmp-999999999-x')
    fs.mkdirSync(dead)
    // A second build of the same folder must not remove the first one's stage, only dead ones.
    const removed = cleanStale(out)
    expect(removed).toEqual(['._site.kogi-tmp-999999999-x'])
    expect(fs.existsSync(running.stage)).toBe(true)
    running.abort()
    expect(fs.existsSync(running.stage)).toBe(false)
  })

  it('refuses to write outside the site', () => {
    const { dir } = tempProject({})
    const writer = new SiteWriter(path.join(dir, '_site'))
    expect(() => writer.write('../escape.txt', 'x')).toThrow('refusing to write outside the site: ../escape.txt')
    writer.abort()
  })
})
