/**
 * Drafts hidden in HTML comments never reach the built site: not its pages, not the search
 * index under _kogi/search, after a code fence that is never closed or one opened on a list
 * item's marker line. The unclosed fence is reported at its line and column.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildFiles } from './helpers/build.js'

/** Every file of a built site, relative path → text. */
function siteFiles(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const name = path.join(rel, entry.name)
    if (entry.isDirectory()) for (const [k, v] of siteFiles(dir, name)) out.set(k, v)
    else out.set(name, fs.readFileSync(path.join(dir, name), 'utf8'))
  }
  return out
}

/** The site files holding a word. */
function filesWith(files: Map<string, string>, word: string): string[] {
  return [...files].filter(([, text]) => text.includes(word)).map(([name]) => name)
}

const frontMatter = '---\ntitle: Lecture\nlayout: page\n---\n'

describe('drafts in comments', () => {
  it('stay hidden after a code fence that is never closed, which is reported at its line', async () => {
    const source = frontMatter + 'Intro zqvisibleone.\n\n  ```python\nprint(1)\n\n<!-- zqdraftone -->\n\nMore text.\n'
    const b = await buildFiles({ 'c/unclosed.md': source })
    const files = siteFiles(b.out)
    expect(filesWith(files, 'zqdraftone')).toEqual([])
    // The control word in the same page's prose is in the page and in the search index.
    expect(filesWith(files, 'zqvisibleone').filter((f) => f.startsWith('_kogi/search/')).length).toBeGreaterThan(0)
    expect(filesWith(files, 'zqvisibleone')).toContain('c/unclosed/index.html')
    const messages = b.result.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'unclosed-fence')
    expect(messages.map((m) => ({ file: m.file, line: m.line, column: m.column, ruleId: m.ruleId }))).toEqual([
      { file: 'content/c/unclosed.md', line: 7, column: 3, ruleId: 'unclosed-fence' },
    ])
    expect(b.report).toBe('content/c/unclosed.md:7:3  warning  code fence opened at line 7 is never closed; everything after it in its block is shown as code  unclosed-fence kogi')
  })

  it('stay hidden across two paragraphs after a fence opened on a list-marker line', async () => {
    const source = frontMatter + '- ```\n  code zqvisibletwo\n  ```\n\nText <!-- zqdrafttwo first\n\nzqdrafttwo second -->\n\nAfter.\n'
    const b = await buildFiles({ 'c/list.md': source })
    const files = siteFiles(b.out)
    expect(filesWith(files, 'zqdrafttwo')).toEqual([])
    expect(filesWith(files, 'zqvisibletwo')).toContain('c/list/index.html')
    expect(b.read('c/list/index.html')).toContain('<p>Text</p>\n<p>After.</p>')
    expect(b.report).toBe('')
  })
})
