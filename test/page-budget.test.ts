/**
 * A page that runs too long, fills its thread's memory or grows too large fails alone, with a
 * fatal message at its first line, while the other pages are rendered. Pages render on real
 * worker threads; the budgets are made small so a page that is merely heavy stands for a runaway.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { resolveConfig } from '../src/config.js'
import { readFrontMatter } from '../src/stages/frontmatter.js'
import { stripComments } from '../src/markdown/comments.js'
import { buildModel } from '../src/stages/model.js'
import { budgetFromEnv, renderPages, type RenderOptions } from '../src/speed/render-pages.js'
import { main } from '../src/cli.js'
import { tempProject } from './helpers/build.js'
import { captureStderr } from './helpers/stderr.js'
import { projectRoot } from './helpers/shared.js'

/** 70,000 different formulas (0.8 MB): many seconds of KaTeX, and 67 MB of HTML were it to finish. */
const heavy = (formulas = 70_000) => '# heavy\n\n' + Array.from({ length: formulas }, (_, i) => `$a_{${i}}$`).join(' ') + '\n'

/** Two small pages beside the one under test. */
const others = { 'c/a.md': '# A\n\n$x^2$ です。\n', 'c/b.md': '---\ntitle: B\n---\n\n本文\n' }

/** Render these sources as a build would, with the given page budget. */
async function render(files: Record<string, string>, budget: RenderOptions['budget']) {
  const sources = Object.entries(files).map(([rel, value]) => {
    const file = new VFile({ path: `content/${rel}`, value })
    readFrontMatter(file)
    stripComments(file)
    return { rel, file, matter: file.data.matter ?? {} }
  })
  const { model } = buildModel(sources)
  const jobs = sources.map((s) => ({ page: model.pages.find((p) => p.rel === s.rel)!, file: s.file }))
  await renderPages(jobs, { config: resolveConfig({}, 'test'), model, sources, workers: 2, budget })
  const byRel = (rel: string) => sources.findIndex((s) => s.rel === rel)
  return {
    content: (rel: string) => sources[byRel(rel)]!.file.data.content,
    messages: (rel: string) => sources[byRel(rel)]!.file.messages.map((m) => ({ line: m.line, column: m.column, ruleId: m.ruleId, fatal: m.fatal, reason: m.reason })),
  }
}

/** The other pages came out whole and without messages. */
function expectOthersRendered(r: Awaited<ReturnType<typeof render>>): void {
  expect(r.content('c/a.md')).toMatch(/^<section id="a" class="kogi-section level-1"><h1>A<a class="kogi-permalink"[^>]*><\/a><\/h1>\n<p><span class="katex">.*<\/span> です。<\/p><\/section>$/s)
  expect(r.content('c/b.md')).toBe('<p>本文</p>')
  expect([...r.messages('c/a.md'), ...r.messages('c/b.md')]).toEqual([])
}

describe('page budget', () => {
  it('stops a page still rendering when its time is up, at its line 1, and renders the others', async () => {
    const r = await render({ 'c/heavy.md': heavy(), ...others }, { ms: 3000 })
    expect(r.messages('c/heavy.md')).toEqual([{ line: 1, column: 1, ruleId: 'page-budget', fatal: true, reason: 'rendering took longer than 3 s; stopped' }])
    expect(r.content('c/heavy.md')).toBeUndefined()
    expectOthersRendered(r)
  }, 120_000)

  it("stops a page that fills its thread's memory, and renders the others", async () => {
    const r = await render({ 'c/heavy.md': heavy(), ...others }, { memoryMb: 64, ms: 600_000 })
    expect(r.messages('c/heavy.md')).toEqual([{ line: 1, column: 1, ruleId: 'page-budget', fatal: true, reason: 'rendering needed more than 64 MB of memory; stopped' }])
    expect(r.content('c/heavy.md')).toBeUndefined()
    expectOthersRendered(r)
  }, 300_000)

  it('drops a page whose HTML passes 20 MB, and renders the others', async () => {
    // One formula typeset once and repeated: 0.2 MB of source, over 20 MB of HTML.
    const r = await render({ 'c/big.md': '# big\n\n' + '$\\sqrt{x}$ '.repeat(14_000) + '\n', ...others }, { ms: 600_000 })
    const [message, ...rest] = r.messages('c/big.md')
    expect(rest).toEqual([])
    expect(message).toMatchObject({ line: 1, column: 1, ruleId: 'page-budget', fatal: true })
    const mb = /^the page's HTML is (\d+(?:\.\d)?) MB, more than the 20 MB a page may have; it is not written$/.exec(message!.reason)
    expect(Number(mb?.[1])).toBeGreaterThan(20)
    expect(r.content('c/big.md')).toBeUndefined()
    expectOthersRendered(r)
  }, 300_000)
})

describe('rendering threads', () => {
  it("render each build's pages with that build's site, though threads outlive a build", async () => {
    const first = await render({ 'c/a.md': '[次](./next.md)\n', 'c/next.md': '# 次\n' }, {})
    expect(first.content('c/a.md')).toBe('<p><a href="/c/next/">次</a></p>')
    const second = await render({ 'c/a.md': '[次](./next.md)\n', 'c/other.md': '# 他\n' }, {})
    expect(second.content('c/a.md')).toBe('<p><a href="/c/next.md">次</a></p>')
    expect(second.messages('c/a.md')).toEqual([])
  })
})

describe('KOGI_PAGE_SECONDS', () => {
  const stderr = captureStderr()
  afterEach(() => {
    delete process.env.KOGI_PAGE_SECONDS
  })

  it('sets the time budget of kogi build, whose report names the page that overran', async () => {
    // Under the 512 KB a lecture may have; its first 100,000 tokens of math alone take several seconds
    // (the same typesetting as the 70,000-formula page above, the rest shown as TeX).
    const { dir } = tempProject({ 'c/heavy.md': heavy(30_000), ...others })
    fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
    fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
    process.env.KOGI_PAGE_SECONDS = '3'
    expect(await main(['build', '--root', dir])).toBe(1)
    const report = stderr.text.split('\n').filter((line) => /  (error|warning)  /.test(line))
    expect(report).toEqual([`${path.relative(process.cwd(), path.join(dir, 'content/c/heavy.md'))}:1:1  error  rendering took longer than 3 s; stopped  page-budget kogi`])
    expect(stderr.text).toContain('kogi: 4 pages, 0 warnings, 1 error in ')
  }, 120_000)

  it('must be a number of seconds above 0', () => {
    expect(budgetFromEnv({})).toBeUndefined()
    expect(budgetFromEnv({ KOGI_PAGE_SECONDS: '0.5' })).toBe(500)
    expect(() => budgetFromEnv({ KOGI_PAGE_SECONDS: '0' })).toThrow('KOGI_PAGE_SECONDS must be a number of seconds above 0, got "0"')
    expect(() => budgetFromEnv({ KOGI_PAGE_SECONDS: '30s' })).toThrow('KOGI_PAGE_SECONDS must be a number of seconds above 0, got "30s"')
  })
})
