/**
 * The table of rules knows every rule kogi reports under, and "did you mean" finds the name a
 * typo was meant to be.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { RULES, SETTABLE_RULES, ruleLabel, ruleOrder } from '../src/report/rules.js'
import { closestName, editDistance } from '../src/suggest.js'
import { projectRoot } from './helpers/shared.js'

/**
 * Every rule id written in the sources: `ruleId: 'x'` or `ruleId = 'x'`, the last argument of
 * the helpers that take one, and the notes of src/output/last-good.ts.
 */
function ruleIdsInSources(): Set<string> {
  const ids = new Set<string>()
  const dir = path.join(projectRoot, 'src')
  for (const rel of fs.readdirSync(dir, { recursive: true }).map(String)) {
    if (!rel.endsWith('.ts')) continue
    const text = fs.readFileSync(path.join(dir, rel), 'utf8')
    for (const m of text.matchAll(/ruleId(?:: | = )'([a-z-]+)'/g)) ids.add(m[1]!)
    for (const m of text.matchAll(/\b(?:warn|problem|PageStopped)\([^\n]*, '([a-z-]+)'\)/g)) ids.add(m[1]!)
    for (const m of text.matchAll(/^export const [A-Z_]+ = '([a-z-]+-page)'$/gm)) ids.add(m[1]!)
  }
  return ids
}

describe('the rules', () => {
  it('name every rule the sources report under, once', () => {
    const ids = ruleIdsInSources()
    expect(ids.size).toBeGreaterThanOrEqual(38)
    expect([...ids].filter((id) => !RULES.some((r) => r.id === id))).toEqual([])
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length)
  })

  it('let a config set only warnings that leave the page built, in report order', () => {
    expect(SETTABLE_RULES.slice(0, 4)).toEqual(['broken-link', 'missing-asset', 'missing-notebook', 'katex'])
    expect(SETTABLE_RULES.at(-1)).toBe('img-alt')
    expect(SETTABLE_RULES).not.toContain('front-matter')
    expect(ruleOrder('template')).toBeLessThan(ruleOrder('broken-link'))
    expect(ruleOrder('no-such-rule')).toBe(RULES.length)
    expect([ruleLabel('broken-link'), ruleLabel('no-such-rule')]).toEqual(['broken links', 'no-such-rule'])
  })
})

describe('did you mean', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect([editDistance('titel', 'title'), editDistance('', 'abc'), editDistance('kitten', 'sitting'), editDistance('same', 'same')]).toEqual([1, 3, 3, 0])
  })

  it('prefers a name that differs only in case, then the nearest close enough', () => {
    const keys = ['title', 'author', 'lang', 'base', 'url', 'description', 'macros', 'theme', 'termLinks', 'rules']
    expect(closestName('termlinks', keys)).toBe('termLinks')
    expect(closestName('TITLE', keys)).toBe('title')
    expect(closestName('titel', keys)).toBe('title')
    expect(closestName('macro', keys)).toBe('macros')
    expect(closestName('colour', keys)).toBeUndefined()
    expect(closestName('x', keys)).toBeUndefined()
    expect(closestName('img_alt', SETTABLE_RULES)).toBe('img-alt')
    expect(closestName('brokenlinks', SETTABLE_RULES)).toBe('broken-link')
  })
})
