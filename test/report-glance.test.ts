/**
 * The report of a plain build at a glance: one line per kind of problem with its count and first
 * places, errors first, the kinds students notice before style hints, problems new since the
 * last build counted and marked; a short report lists each problem as `--verbose` does.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { buildFiles } from './helpers/build.js'
import { formatGlance } from '../src/report/summary.js'
import { formatReport } from '../src/stages/report.js'
import { newSinceLastBuild } from '../src/report/history.js'

/** Eleven problems of five kinds: one error, then links, images, formulas and a style hint. */
const lecture =
  '# A\n\n![](a1.png)\n![](a2.png)\n![](a3.png)\n![](a4.png)\n\n[one](nowhere.html) and [two](gone/)\n\n' +
  '$\\frac{1}{$ and $\\frac{2}{$\n\n[three](lost.html)\n\n```pyton\nx\n```\n'
const broken = '---\ntitle: [\n---\n'

/** A file with warnings at the given lines: `[line, rule, reason]`. */
function fileWith(name: string, messages: [number, string, string][]): VFile {
  const file = new VFile({ path: name })
  for (const [line, ruleId, reason] of messages) file.message(reason, { place: { line, column: 1 }, ruleId, source: 'kogi' }).fatal = false
  return file
}

const tempCache = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kogi-history-')), 'cache')

describe('the report at a glance', () => {
  it('puts each kind on one line with its count and first places, errors first, then what students notice', async () => {
    const b = await buildFiles({ 'c/a.md': lecture, 'c/b.md': broken })
    expect(formatGlance(b.result.files, new Set()).split('\n')).toEqual([
      'errors',
      '  1  front matter problems          front-matter   content/c/b.md:2',
      'warnings',
      '  3  broken links                   broken-link    content/c/a.md:8, content/c/a.md:12',
      '  4  missing images and files       missing-asset  content/c/a.md:3, content/c/a.md:4, content/c/a.md:5 … and 1 more',
      '  2  formulas KaTeX cannot typeset  katex          content/c/a.md:10',
      '  1  unknown code languages         code-language  content/c/a.md:14',
      'kogi: --verbose lists every problem at its line',
    ])
  })

  it('lists ten problems or fewer each at its line, as --verbose does', async () => {
    const b = await buildFiles({ 'c/a.md': '# A\n\n![](a1.png)\n\n[one](nowhere.html)\n' })
    expect(formatGlance(b.result.files, new Set()).split('\n')).toEqual([
      'content/c/a.md:3:1  warning  missing image "a1.png" (/c/a1.png): put the file at content/c/a1.png  missing-asset kogi',
      'content/c/a.md:5:1  warning  broken link "nowhere.html" (/c/nowhere.html): no page or file at that address  broken-link kogi',
    ])
    expect(formatGlance(b.result.files, new Set())).toBe(formatReport(b.result.files))
  })

  it('stays within 60 lines however many kinds there are', () => {
    const file = fileWith('content/c/a.md', Array.from({ length: 70 }, (_, i) => [i + 1, `rule-${String(i).padStart(2, '0')}`, `problem ${i}`] as [number, string, string]))
    const lines = formatGlance([file], new Set()).split('\n')
    expect(lines).toHaveLength(52)
    expect(lines.slice(0, 2)).toEqual(['warnings', '  1  rule-00  rule-00  content/c/a.md:1'])
    expect(lines.slice(-3)).toEqual(['  1  rule-48  rule-48  content/c/a.md:49', '  … and 21 problems of 21 more kinds', 'kogi: --verbose lists every problem at its line'])
  })
})

describe('problems new since the last build', () => {
  const before: [number, string, string][] = [
    [3, 'missing-asset', 'missing image "a.png"'],
    [5, 'img-alt', 'image x.png has no alt text'],
    [6, 'img-alt', 'image x.png has no alt text'],
  ]

  it('are told by rule, file and reason, not by line, and an extra one of a kind is the last', () => {
    const cache = tempCache()
    expect(newSinceLastBuild(cache, [fileWith('c/a.md', before)], true)).toEqual(new Set())
    // Two lines added above: the same problems two lines down are not new; a third x.png is.
    const after = fileWith('c/a.md', [
      [1, 'broken-link', 'broken link "b.html"'],
      ...before.map(([line, rule, reason]): [number, string, string] => [line + 2, rule, reason]),
      [9, 'img-alt', 'image x.png has no alt text'],
    ])
    const fresh = newSinceLastBuild(cache, [after], true)
    expect([...fresh].map((m) => [m.line, m.ruleId])).toEqual([
      [9, 'img-alt'],
      [1, 'broken-link'],
    ])
    // This build is now the last one: nothing is new in the same build again.
    expect(newSinceLastBuild(cache, [after], true)).toEqual(new Set())
  })

  it('are counted per kind and listed first, marked, in the grouped report', () => {
    const cache = tempCache()
    const old = Array.from({ length: 11 }, (_, i): [number, string, string] => [10 + i, 'img-alt', `image ${i}.png has no alt text`])
    newSinceLastBuild(cache, [fileWith('c/a.md', old)], true)
    const file = fileWith('c/a.md', [[2, 'broken-link', 'broken link "b.html"'], ...old, [30, 'img-alt', 'image new.png has no alt text']])
    const fresh = newSinceLastBuild(cache, [file], true)
    expect(formatGlance([file], fresh).split('\n')).toEqual([
      'warnings',
      '   1  broken links, 1 new             broken-link  c/a.md:2 (new)',
      '  12  images without alt text, 1 new  img-alt      c/a.md:30 (new), c/a.md:10, c/a.md:11 … and 9 more',
      'kogi: --verbose lists every problem at its line',
    ])
  })

  it('are none without a record, and a build that wrote no site leaves the record alone', () => {
    const cache = tempCache()
    expect(newSinceLastBuild(cache, [fileWith('c/a.md', before)], false)).toEqual(new Set())
    expect(fs.existsSync(cache)).toBe(false)
    expect(newSinceLastBuild(undefined, [fileWith('c/a.md', before)], true)).toEqual(new Set())
  })
})
