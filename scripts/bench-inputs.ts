/**
 * `npm run bench:inputs [-- SHAPE…]`: how the cost of one page grows with its size. Each shape
 * (prose, a long table, short block quotes, front matter keys…) is rendered through the page
 * stage at 1×, 2× and 4× a base size, each in a process of its own, and the CPU time per unit
 * (line, row, key) is printed with its growth from 1× to 4×: about 1 for a cost linear in the
 * input, about 4 for a quadratic one. A benchmark, not a test: it never fails on a number.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { resolveConfig } from '../src/config.js'
import { readFrontMatter } from '../src/stages/frontmatter.js'
import { renderPage } from '../src/formats/lecture.js'
import { urlOf, type PageEntry } from '../src/stages/model.js'

/** A page made of `n` units of one shape, and what a unit is called. */
const SHAPES: Record<string, { unit: string; base: number; make: (n: number) => string; matterOnly?: boolean }> = {
  prose: { unit: 'line', base: 4000, make: (n) => Array.from({ length: n }, (_, i) => (i % 4 === 3 ? '' : `講義の本文が続きます。式 $x_${i}^2$ と **強調** と [リンク](https://example.com/${i})。`)).join('\n') + '\n' },
  paragraphs: { unit: 'line', base: 5000, make: (n) => Array.from({ length: n }, (_, i) => `line ${i} x${i} y\n`).join('\n') },
  table: { unit: 'row', base: 5000, make: (n) => '| a | b | c |\n|---|---|---|\n' + Array.from({ length: n }, (_, i) => `| ${i} | x${i} | y |\n`).join('') },
  quotes: { unit: 'quote', base: 2000, make: (n) => '> a\n\n'.repeat(n) },
  setext: { unit: 'heading', base: 2000, make: (n) => Array.from({ length: n }, (_, i) => `t${i}\n---\n\n`).join('') },
  list: { unit: 'item', base: 5000, make: (n) => Array.from({ length: n }, (_, i) => `- item ${i}\n`).join('') },
  cells: { unit: 'cell', base: 10000, make: (n) => '|' + 'h|'.repeat(50) + '\n|' + '-|'.repeat(50) + '\n' + ('|' + 'a|'.repeat(50) + '\n').repeat(Math.ceil(n / 50)) },
  'front-matter': { unit: 'key', base: 200, matterOnly: true, make: (n) => '---\n' + Array.from({ length: n }, (_, i) => `key${i}: value ${i}\n`).join('') + '---\nbody\n' },
}

/** Render one page of a shape at a size in this process; print CPU milliseconds as JSON. */
async function measure(shape: string, n: number): Promise<void> {
  const { make, matterOnly } = SHAPES[shape]!
  const rel = 'course/page.md'
  const run = async (markdown: string) => {
    const file = new VFile({ path: `content/${rel}`, value: markdown })
    const matter = readFrontMatter(file)
    if (matterOnly) return
    const page: PageEntry = { rel, ...urlOf(rel), kind: 'lecture', course: 'course', matter }
    await renderPage(file, { config: resolveConfig({}, 'bench'), page, resolvePage: () => undefined })
  }
  await run(make(10)) // loads and warms every plugin
  const markdown = make(n)
  const before = process.cpuUsage()
  await run(markdown)
  const used = process.cpuUsage(before)
  process.stdout.write(JSON.stringify({ ms: (used.user + used.system) / 1000, bytes: Buffer.byteLength(markdown), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n')
}

if (process.argv[2] === '--measure') await measure(process.argv[3]!, Number(process.argv[4]))
else {
  const self = fileURLToPath(import.meta.url)
  const shapes = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SHAPES)
  for (const shape of shapes) {
    const { unit, base } = SHAPES[shape]!
    const per: number[] = []
    const cells: string[] = []
    for (const n of [base, base * 2, base * 4]) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--measure', shape, String(n)], { cwd: path.dirname(path.dirname(self)), encoding: 'utf8' })
      const { ms, bytes, rssMb } = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { ms: number; bytes: number; rssMb: number }
      per.push((ms * 1000) / n)
      cells.push(`${n} ${unit}s (${Math.round(bytes / 1024)} KB) ${(ms / 1000).toFixed(2)} s = ${Math.round((ms * 1000) / n)} µs/${unit}, ${rssMb} MB`)
    }
    console.log(`${shape.padEnd(13)} ${cells.join(' · ')} · growth ×${(per[2]! / per[0]!).toFixed(2)}`)
  }
}
