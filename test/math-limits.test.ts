/**
 * Bounded math: pages made to keep KaTeX busy for minutes — macros that double their argument
 * at every level, a formula of a million characters, a page of many long formulas, a huge
 * definition block, raw HTML full of unclosed `\(` — each end in a message at the formula's
 * place, the formula shown as its TeX, and every other page built. The build runs as its own
 * process with a time limit, so a regression fails the test instead of stalling the run.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempProject } from './helpers/build.js'
import { projectRoot } from './helpers/shared.js'

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx')
const cli = path.join(projectRoot, 'src', 'cli.ts')

/** Names for the levels of a macro bomb: `\za`, `\zb`, … (none is KaTeX's). */
const level = (i: number) => `\\z${String.fromCharCode(97 + i)}q`

/** Twenty-six `\newcommand`s, each passing its argument on doubled to the one before. */
function bombBlock(): string {
  const lines = [`\\newcommand{${level(0)}}[1]{#1#1}`]
  for (let i = 1; i < 26; i++) lines.push(`\\newcommand{${level(i)}}[1]{${level(i - 1)}{#1#1}}`)
  return `$$\n${lines.join('\n')}\n$$\n`
}

/** The same in one formula, with `\def`. */
function inlineBomb(): string {
  let tex = '\\def\\ya#1{#1#1}'
  for (let i = 1; i < 26; i++) tex += `\\def\\y${String.fromCharCode(97 + i)}#1{\\y${String.fromCharCode(96 + i)}{#1#1}}`
  return `${tex}\\yz{x}`
}

const PAGES: Record<string, string> = {
  'c/bomb.md': `${bombBlock()}\n# Bomb\n\nText $${level(25)}{x}$ and $y^2$.\n`,
  'c/inline.md': `# Inline\n\nSee $${inlineBomb()}$ then $z$.\n`,
  'c/big.md': `# Big\n\n$$\n${'x+'.repeat(200_000)}x\n$$\n\nafter $a_1$\n`,
  'c/many.md': `# Many\n\n${Array.from({ length: 14 }, () => `$$\n${'x '.repeat(4500)}\n$$\n`).join('\n')}`,
  'c/defs.md': `# Defs\n\n$$\n\\newcommand{\\q}{${'x'.repeat(10_500)}}\n$$\n\nuse $\\q$\n`,
  'c/html.md': `# HTML\n\n<div>\n${'\\( '.repeat(150_000)}\n</div>\n`,
  // `\iff` is KaTeX's `\;\Longleftrightarrow\;`: the bomb is reached without being named.
  'c/hidden.md': `${bombBlock()}\n$$\n\\renewcommand{\\Longleftrightarrow}[1]{${level(25)}{#1}}\n$$\n\nso $a \\iff b$\n`,
  'c/hidden-inline.md': `${bombBlock()}\nso $\\renewcommand{\\Longleftrightarrow}[1]{${level(25)}{#1}} a \\iff b$\n`,
  'c/ok.md': '# OK\n\n$x^2$\n',
}

/** Build the pages in a child process; its report lines and the built site's folder. */
async function buildInChild(): Promise<{ lines: string[]; site: string }> {
  const { dir } = tempProject(PAGES)
  fs.cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true })
  fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true })
  const stderr = await new Promise<string>((resolve, reject) => {
    execFile(tsx, [cli, 'build', '--root', '.', '--workers', '1'], { cwd: dir, timeout: 150_000, maxBuffer: 1 << 26 }, (error, _stdout, err) => {
      if (error) reject(new Error(`build failed or timed out: ${error.message}\n${err}`))
      else resolve(err)
    })
  })
  return { lines: stderr.split('\n'), site: path.join(dir, '_site') }
}

describe('bounded math', () => {
  it('stops every bomb with a message at its place and builds every page', { timeout: 180_000 }, async () => {
    const { lines, site } = await buildInChild()
    const rules = /(formula-too-large|page-math-too-large|katex) kogi$/
    expect(lines.filter((l) => rules.test(l))).toEqual([
      'content/c/big.md:3:1  warning  formula is 400,001 characters long, over the limit of 10,000; it is shown as TeX source  formula-too-large kogi',
      'content/c/bomb.md:32:6  warning  formula grows past 20,000 tokens as its macros expand; it is shown as TeX source  formula-too-large kogi',
      'content/c/defs.md:3:1  warning  formula is 10,517 characters long, over the limit of 10,000; it is shown as TeX source  formula-too-large kogi',
      'content/c/defs.md:7:5  warning  Undefined control sequence: \\q at position 1: \\̲q̲  katex kogi',
      'content/c/hidden-inline.md:30:4  warning  formula grows past 20,000 tokens as its macros expand; it is shown as TeX source  formula-too-large kogi',
      "content/c/hidden.md:34:4  warning  this page redefines \\Longleftrightarrow, which KaTeX's own commands may call: given this formula as its arguments it grows past 20,000 tokens; the formula is shown as TeX source  formula-too-large kogi",
      'content/c/inline.md:3:5  warning  formula grows past 20,000 tokens as its macros expand; it is shown as TeX source  formula-too-large kogi',
      'content/c/many.md:47:1  warning  the formulas of this page pass 100,000 tokens in all; this one and the 2 after it are shown as TeX source  page-math-too-large kogi',
    ])
    expect(lines.at(-2)).toMatch(/^kogi: 11 pages, 8 warnings, 0 errors in /)
    const page = (name: string) => fs.readFileSync(path.join(site, 'c', name, 'index.html'), 'utf8')
    // The bomb is shown as its TeX; the formula after it is typeset.
    expect(page('bomb')).toContain(`<code class="katex-error" title="formula grows past 20,000 tokens as its macros expand; it is shown as TeX source">${level(25)}{x}</code> and <span class="katex">`)
    expect(page('inline')).toContain('<code class="katex-error" title="formula grows past 20,000 tokens')
    expect(page('big')).toContain('<pre class="katex-error" title="formula is 400,001 characters long, over the limit of 10,000; it is shown as TeX source"><code>x+x+x+')
    expect(page('big')).toMatch(/after <span class="katex">.*<mi>a<\/mi><mn>1<\/mn>/)
    // Eleven formulas of 9,000 tokens fit in the page's 100,000; the last three are TeX.
    expect(page('many').match(/<span class="katex-display">/g)).toHaveLength(11)
    expect(page('many').match(/<pre class="katex-error" title="the formulas of this page pass 100,000 tokens in all; /g)).toHaveLength(3)
    // Unclosed `\(` stay text; the page is built.
    expect(page('html')).toContain('\\( \\( \\(')
    expect(page('ok')).toContain('<span class="katex">')
  })
})
