/**
 * Property-based tests: random lectures made of the corpus's own constructs never throw out of
 * the page pipeline, always give a page (or a positioned fatal message), and every message's
 * position lies inside the file; drafts hidden in comments around code never reach a page or
 * its search text. `npm run test:fuzz` runs many more cases (KOGI_FUZZ_RUNS).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './helpers/render.js'
import { codeRanges, draftDocuments } from './helpers/draft-documents.js'
import { VFile } from 'vfile'
import { stripComments } from '../src/markdown/comments.js'

const runs = Number(process.env.KOGI_FUZZ_RUNS ?? 1000)
// `npm test` replays the same cases every run, so a red run means a change broke something;
// `npm run test:fuzz` draws new ones (it prints the seed of any failure to replay it).
const seed = process.env.KOGI_FUZZ_SEED !== undefined ? Number(process.env.KOGI_FUZZ_SEED) : process.env.KOGI_FUZZ_RUNS ? undefined : 20241025

const piece = fc.oneof(
  fc.constantFrom(
    '$x^2$', '$$\n\\frac{a}{b}\n$$', '$$ \\sum_i x_i $$', '$$\\begin{aligned}a &= b\\\\\nc &= d\\end{aligned}$$', '$', '$$', '$\\frac{1}{$', '\\(a+b\\)',
    '$$\n\\newcommand{\\mb}[1]{\\mathbf{#1}}\n\\newcommand{\\Bar}[1]{\\overline{#1}}\n$$', '$\\mb{x}$', '$\\mbox{日本語}$', '$a\\tag{1}$',
    '<div class="figcenter">\n<img src="/assets/x.png" width="50%">\n</div>', '<div class="figcaption">\n図 $y$ の説明\n</div>', '<center>\n<img src="a.svg"><br/>caption\n</center>',
    '<!-- ひみつ -->', '<!--\n## ひみつ\n', '-->', '<div>', '</div>', '<font color="red">赤</font>', '<iframe src="https://www.youtube.com/embed/x"></iframe>',
    '[link](https://example.com){:target="_blank"}', '{:taget="_blank"}', '{: style="width: 60%;"}', '![img](./a.png)', '[md](./other.md#sec)', '[up](../../../etc/passwd)',
    '| a | b |\n|---|---|\n| 1 | $x$ |', 'note[^1]', '[^1]: footnote text', '## 用語集', '**用語**: 定義<br/>', '* **エポック**:', '## Box 1', '### 2.4.3 見出し',
    '- item\n  - nested', '1. one\n2. two', '> quote', '```python\nprint("<!--")\n```', '`code $x$`', '---', '***強調***です', '**「強調」**です', '日本語の文章。\n改行された文章。',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
)

const frontMatter = fc.constantFrom('', '---\ntitle: 講義\nlayout: home\n---\n', '---\ntitle: [\n---\n', '---\n- a\n---\n', '---\ntitle: 3\ndate: 2021_1119\n---\n', '---\n---\n', '\ufeff---\r\ntitle: x\r\n---\r\n')

const lecture = fc.tuple(frontMatter, fc.array(piece, { maxLength: 30 }), fc.array(fc.constantFrom('\n', '\n\n', ' ', '\r\n'), { minLength: 30, maxLength: 30 })).map(([fm, pieces, seps]) => fm + pieces.map((p, i) => p + seps[i]).join(''))

describe('random lectures', () => {
  it(`never throw and keep every message inside the file (${runs} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(lecture, async (source) => {
        const { html, file } = await renderMarkdown(source)
        expect(typeof html).toBe('string')
        const lines = source.split(/\r\n|\r|\n/)
        for (const m of file.messages) {
          const where = `${m.line}:${m.column} ${m.reason}`
          expect(m.line, where).toBeGreaterThanOrEqual(1)
          expect(m.line!, where).toBeLessThanOrEqual(lines.length)
          expect(m.column, where).toBeGreaterThanOrEqual(1)
          expect(m.column!, where).toBeLessThanOrEqual(lines[m.line! - 1]!.length + 1)
        }
        // Comments never reach the page; inside a code fence (closed or not) their text is code.
        expect(html).not.toContain("<!--")
        if (!source.includes("```")) expect(html).not.toContain("ひみつ")
      }),
      { numRuns: runs, ...(seed !== undefined ? { seed } : {}) },
    )
  }, 600_000)
})

describe('drafts in comments around code', () => {
  it(`reach neither the page nor its search text, unless the parser reads them as closed code (${runs} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(draftDocuments, async ({ source, markers }) => {
        const { html, file } = await renderMarkdown(source)
        // The text the parser read, as the page stage got it: comments blanked, but those inside code.
        const blanked = new VFile({ value: source })
        stripComments(blanked)
        const parsed = String(blanked.value)
        const code = codeRanges(parsed)
        const inCode = (at: number) => code.some(([start, end]) => at >= start && at < end)
        for (const m of parsed.matchAll(/<!--/g)) expect(inCode(m.index), `<!-- at ${m.index} of ${JSON.stringify(parsed)}`).toBe(true)
        // A comment opened inside code is code (its marker may be shown as such); any other is
        // hidden whole, wherever its text runs.
        const facts = JSON.stringify(file.data.facts)
        for (const marker of markers) {
          if (parsed.includes(`<!-- ${marker}`)) continue
          expect(html.includes(marker) || facts.includes(marker), `${marker} of ${JSON.stringify(source)}`).toBe(false)
        }
      }),
      { numRuns: runs, ...(seed !== undefined ? { seed } : {}) },
    )
  }, 600_000)
})
