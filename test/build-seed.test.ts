/**
 * Builds the project's own content/ (the seed lecture, the course and home pages) into a
 * temporary folder and checks what a student would see.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { BuildResult } from '../src/stages/build.js'
import { buildProject } from './helpers/build.js'
import { formatReport } from '../src/stages/report.js'

let out: string
let result: BuildResult
let lecture: string

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

beforeAll(async () => {
  ;({ out, result } = await buildProject())
  lecture = fs.readFileSync(path.join(out, '2024ai/2024ai_lect20/index.html'), 'utf8')
})

describe('the seed site', () => {
  it('builds without errors and writes the home, course and lecture pages', () => {
    expect(formatReport(result.files)).not.toMatch(/\berror\b/)
    expect(result.errors).toBe(0)
    // The seed's only problems are its own: images not in the repo, and images without alt text.
    const rules = new Set(result.files.flatMap((f) => f.messages.filter((m) => m.fatal === false).map((m) => m.ruleId)))
    expect([...rules].sort()).toEqual(['img-alt', 'missing-asset'])
    expect(result.written).toBe(true)
    for (const rel of ['index.html', '2024ai/index.html', '2024ai/2024ai_lect20/index.html']) expect(fs.existsSync(path.join(out, rel))).toBe(true)
  })

  it('typesets every formula outside comments with zero KaTeX errors', () => {
    expect(lecture).not.toContain('katex-error')
    // 2 PE display formulas and 8 inline formulas in Box 1.
    expect(lecture.match(/class="katex"/g)).toHaveLength(10)
    expect(lecture.match(/class="katex-display"/g)).toHaveLength(2)
    expect(result.files.flatMap((f) => f.messages).filter((m) => m.ruleId === 'katex')).toEqual([])
  })

  it('leaves nothing of the macro block visible', () => {
    expect(lecture).not.toContain('newcommand')
    expect(lecture).not.toMatch(/\$\$/)
  })

  it('renders the PE formulas with \\mathop{model} in a fraction exponent', () => {
    expect(lecture).toContain('<annotation encoding="application/x-tex">\\text{PE}_{(\\text{pos},2i)}')
    expect(lecture).toContain('d_{\\mathop{model}}')
  })

  it('has the glossary, the PE section and Box 1', () => {
    // Glossary terms are <dt><dfn>name</dfn> <span lang="en">English name</span></dt>.
    for (const term of ['カルバック・ライブラーの乖離', 'ベイズの驚き', 'ヘルムホルツマシン', '驚き']) expect(lecture).toContain(`<dfn>${term}</dfn>`)
    for (const en of ['Kullback-Leibler divergence', 'Bayesian surprise', 'suerprise']) expect(lecture).toContain(`lang="en">${en}</span>`)
    expect(lecture).toContain('2.4.3 Transformer における位置符号化器 (PE: position encoders)')
    expect(lecture).toMatch(/>Box 1</)
  })

  it('ships nothing from inside HTML comments anywhere in the site', () => {
    const html = allFiles(out).filter((f) => f.endsWith('.html')).map((f) => fs.readFileSync(f, 'utf8')).join('\n')
    for (const hidden of ['box 2', 'box 3', 'マルチタスク学習', 'Optimising sufficient statistics', '<!--', 'Sluice Networks']) expect(html).not.toContain(hidden)
  })

  it('links no CDN: theme, KaTeX CSS and fonts are local', () => {
    const files = allFiles(out).filter((f) => /\.(html|css|js)$/.test(f))
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8')
      expect(text, f).not.toMatch(/cdn\.jsdelivr|unpkg\.com|cdnjs|googleapis|katex@/)
    }
    expect(lecture).toMatch(/<link rel="stylesheet" href="\/_kogi\/katex\/katex\.[0-9a-f]{10}\.css">/)
    expect(allFiles(out).some((f) => f.endsWith('KaTeX_Main-Regular.woff2'))).toBe(true)
  })

  it('is Japanese: lang, title, escaped front matter', () => {
    expect(lecture).toMatch(/^<!doctype html>\n<html lang="ja">/)
    expect(lecture).toContain('<title>第20回 2024年度開講 駒澤大学 人工知能 II | 駒澤大学 講義資料</title>')
  })

  it('lists the lecture on the course page and the course on the home page', () => {
    expect(fs.readFileSync(path.join(out, '2024ai/index.html'), 'utf8')).toContain('<a href="/2024ai/2024ai_lect20/"><span class="no" aria-hidden="true">1</span><span class="title">第20回 2024年度開講 駒澤大学 人工知能 II</span>')
    expect(fs.readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('<a href="/2024ai/"><span class="title">2024年度 人工知能 II</span>')
  })
})
