/**
 * `--format github`: errors, then warnings, as workflow commands the runner turns into
 * annotations (ten of each), and every problem in the job summary, grouped by lecture.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { VFile } from 'vfile'
import { buildFiles } from './helpers/build.js'
import { annotation, annotations, stepSummary, SUMMARY_BYTES } from '../src/report/github.js'
import { placedMessages } from '../src/stages/report.js'
import { main } from '../src/cli.js'
import { project } from './helpers/cli-project.js'

const lecture = '# A\n\n![](a1.png)\n\n[one](nowhere.html)\n'
const broken = '---\ntitle: [\n---\n'

function fileWith(name: string, count: number, reason: (i: number) => string, ruleId = 'img-alt'): VFile {
  const file = new VFile({ path: name })
  for (let i = 0; i < count; i++) file.message(reason(i), { place: { line: i + 1, column: 2 }, ruleId, source: 'kogi' }).fatal = false
  return file
}

describe('annotations', () => {
  it('print errors first, then warnings students would notice first, each at its file, line and column', async () => {
    const b = await buildFiles({ 'c/a.md': lecture, 'c/b.md': broken })
    const [a] = b.result.files.filter((f) => f.path === 'content/c/a.md')
    const fresh = new Set(a!.messages.filter((m) => m.ruleId === 'missing-asset'))
    expect(annotations(b.result.files, fresh)).toEqual([
      '::error file=content/c/b.md,line=2,col=9,title=front-matter::invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ]',
      '::warning file=content/c/a.md,line=3,col=1,title=missing-asset (new)::missing image "a1.png" (/c/a1.png): put the file at content/c/a1.png',
      '::warning file=content/c/a.md,line=5,col=1,title=broken-link::broken link "nowhere.html" (/c/nowhere.html): no page or file at that address',
    ])
  })

  it('stop at ten of each type, which is all the runner shows', () => {
    const lines = annotations([fileWith('c/a.md', 25, (i) => `image ${i} has no alt text`)], new Set())
    expect(lines).toHaveLength(10)
    expect(lines.at(-1)).toBe('::warning file=c/a.md,line=10,col=2,title=img-alt::image 9 has no alt text')
  })

  it('escape what workflow commands reserve', () => {
    const file = fileWith('c/a,b:c.md', 1, () => '100% sure')
    expect(annotation(placedMessages([file])[0]!, false)).toBe('::warning file=c/a%2Cb%3Ac.md,line=1,col=2,title=img-alt::100%25 sure')
  })
})

describe('the job summary', () => {
  it('holds the summary line, a table of kinds and every problem under its lecture, as written', async () => {
    const b = await buildFiles({ 'c/a.md': lecture + '\nSee [x](a<b>&c.html).\n', 'c/b.md': broken })
    const [a] = b.result.files.filter((f) => f.path === 'content/c/a.md')
    const fresh = new Set(a!.messages.filter((m) => m.ruleId === 'broken-link').slice(0, 1))
    expect(stepSummary(b.result.files, fresh, 'kogi: 4 pages, 3 warnings, 1 error in 1.00s')).toBe(
      [
        '## kogi: 4 pages, 3 warnings, 1 error in 1.00s',
        '',
        '| | problems | new | kind | rule |',
        '|---|--:|--:|---|---|',
        '| error | 1 |  | front matter problems | `front-matter` |',
        '| warning | 2 | 1 | broken links | `broken-link` |',
        '| warning | 1 |  | missing images and files | `missing-asset` |',
        '',
        '### Problems by lecture',
        '',
        '<details><summary><code>content/c/a.md</code>: 3 warnings, 1 new</summary>',
        '<ul>',
        '<li>3:1 warning: missing image "a1.png" (/c/a1.png): put the file at content/c/a1.png <code>missing-asset</code></li>',
        '<li>5:1 warning: broken link "nowhere.html" (/c/nowhere.html): no page or file at that address <code>broken-link</code> <b>new</b></li>',
        '<li>7:5 warning: broken link "a%3Cb%3E&amp;c.html" (/c/a&lt;b&gt;&amp;c.html): no page or file at that address <code>broken-link</code></li>',
        '</ul>',
        '</details>',
        '<details open><summary><code>content/c/b.md</code>: 1 error</summary>',
        '<ul>',
        '<li>2:9 <b>error</b>: invalid YAML front matter: Flow sequence in block collection must be sufficiently indented and end with a ] <code>front-matter</code></li>',
        '</ul>',
        '</details>',
        '',
      ].join('\n'),
    )
  })

  it('stops short of 1 MiB and says how many problems it leaves out', () => {
    const files = Array.from({ length: 400 }, (_, i) => fileWith(`content/c/lect${i}.md`, 20, (j) => `image ${'x'.repeat(120)}${j}.png has no alt text`))
    const text = stepSummary(files, new Set(), 'kogi')
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_BYTES)
    const listed = text.match(/<li>/g)!.length
    expect(listed).toBeGreaterThan(4000)
    expect(text.endsWith(`\n${8000 - listed} more problems are not listed here: a job summary holds at most 1 MiB. \`kogi build --verbose\` lists every problem.\n`)).toBe(true)
  })
})

describe('kogi build --format github', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
  })

  it('prints the annotations on stdout and adds the job summary to GITHUB_STEP_SUMMARY', async () => {
    const dir = project({ 'c/a.md': lecture })
    const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-summary-')), 'summary.md')
    fs.writeFileSync(summary, '# earlier step\n')
    vi.stubEnv('GITHUB_STEP_SUMMARY', summary)
    let stdout = ''
    let stderr = ''
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true))
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true))
    expect(await main(['build', '--root', dir, '--format', 'github'])).toBe(0)
    const rel = path.relative(process.cwd(), path.join(dir, 'content/c/a.md'))
    expect(stdout.split('\n')).toEqual([
      `::warning file=${rel},line=5,col=1,title=broken-link::broken link "nowhere.html" (/c/nowhere.html): no page or file at that address`,
      `::warning file=${rel},line=3,col=1,title=missing-asset::missing image "a1.png" (/c/a1.png): put the file at ${path.relative(process.cwd(), path.join(dir, 'content/c/a1.png'))}`,
      '',
    ])
    const last = stderr.trimEnd().split('\n').at(-1)!
    const written = fs.readFileSync(summary, 'utf8')
    // A blank line first: the heading starts a line whatever the step before left.
    expect(written.startsWith(`# earlier step\n\n## ${last.replace('_site', '\\_site')}\n\n| | problems | new | kind | rule |\n`)).toBe(true)
    expect(written).toContain(`<details><summary><code>${rel}</code>: 2 warnings</summary>`)
  })

  it('says so when GITHUB_STEP_SUMMARY is not set', async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '')
    let stderr = ''
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true))
    expect(await main(['build', '--root', project({ 'c/a.md': '# a\n' }), '--format', 'github'])).toBe(0)
    expect(stderr).toContain('kogi: GITHUB_STEP_SUMMARY is not set, so no job summary was written\n')
  })
})
