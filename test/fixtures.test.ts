/**
 * Fixture tests: every folder in test/fixtures holds `input.md` and the exact `output.html`
 * the page pipeline must produce (optionally `config.json` with config overrides).
 * Regenerate after an intended change with `UPDATE_FIXTURES=1 npx vitest run test/fixtures.test.ts`
 * and read the diff before committing it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './helpers/render.js'
import { projectRoot } from './helpers/shared.js'

const root = path.join(projectRoot, 'test', 'fixtures')
const names = fs.readdirSync(root).filter((n) => fs.existsSync(path.join(root, n, 'input.md'))).sort()

describe('fixtures', () => {
  it('has fixtures', () => expect(names.length).toBeGreaterThan(0))
  for (const name of names) {
    it(name, async () => {
      const dir = path.join(root, name)
      const input = fs.readFileSync(path.join(dir, 'input.md'), 'utf8')
      const configFile = path.join(dir, 'config.json')
      const config = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {}
      const { html } = await renderMarkdown(input, { config })
      const expectedFile = path.join(dir, 'output.html')
      if (process.env.UPDATE_FIXTURES) fs.writeFileSync(expectedFile, html.trimEnd() + '\n')
      // A missing expectation is a failure, never a fixture quietly written from today's output.
      expect(fs.existsSync(expectedFile), `${path.relative(projectRoot, expectedFile)} is missing; write it with UPDATE_FIXTURES=1 and read it`).toBe(true)
      expect(html.trimEnd() + '\n').toBe(fs.readFileSync(expectedFile, 'utf8'))
    })
  }
})
