/**
 * `kogi preview` serves a site at the base path it was built for, read from the site's pages.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtBase } from '../src/dev/built-base.js'
import { buildFiles } from './helpers/build.js'

describe('the base path of a built site', () => {
  it('is read from the theme links of its home page', async () => {
    const project = await buildFiles({ 'c/a.md': '# A\n' }, { base: '/kogi/' })
    expect(builtBase(project.out)).toBe('/kogi/')
    const root = await buildFiles({ 'c/a.md': '# A\n' })
    expect(builtBase(root.out)).toBe('/')
  })

  it('is read from the 404 page when the home page is the author’s own, and unknown in a folder with neither', async () => {
    const b = await buildFiles({ 'c/a.md': '# A\n' }, { base: '/course/' })
    fs.writeFileSync(path.join(b.out, 'index.html'), '<!doctype html><title>old home</title><link rel="stylesheet" href="/css/old.css">')
    expect(builtBase(b.out)).toBe('/course/')
    fs.rmSync(path.join(b.out, '404.html'))
    expect(builtBase(b.out)).toBeUndefined()
  })
})
