/**
 * What of a content folder is published: Jekyll's rules, the config's exclude and include.
 */
import { describe, expect, it } from 'vitest'
import { unpublished } from '../src/stages/publish.js'

describe('unpublished', () => {
  it('leaves out what Jekyll leaves out, and what exclude names; include brings names back', () => {
    const skip = unpublished({ content: '.', exclude: ['drafts/', '*.ipynb', 'notes/**/old'], include: ['_pages', '.well-known'] })
    const paths = ['Gemfile', 'Gemfile.lock', 'package.json', 'package-lock.json', 'kogi.config.json', 'vendor', 'node_modules', 'c/node_modules', 'templates', '_layouts', '.git', 'c/_draft.md', 'drafts', 'c/nb.ipynb', 'notes/a/b/old', '_pages', '.well-known', 'c/_pages', 'c/lect01.md', 'draftsman.md', 'css', 'c/Gemfile']
    expect(paths.filter(skip)).toEqual(['Gemfile', 'Gemfile.lock', 'package.json', 'package-lock.json', 'kogi.config.json', 'vendor', 'node_modules', 'c/node_modules', 'templates', '_layouts', '.git', 'c/_draft.md', 'drafts', 'c/nb.ipynb', 'notes/a/b/old'])
  })

  it('publishes a templates folder inside a content folder of its own', () => {
    expect(unpublished({ content: 'content', exclude: [], include: [] })('templates')).toBe(false)
  })
})
