/**
 * Locating ../shared (the instructor's corpus and seed), which a fresh clone does not have.
 * Tests that need it skip with a notice that says so.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project folder. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** `../shared` beside the project, if present. */
export const sharedDir = path.resolve(projectRoot, '..', 'shared')

/** The corpus folder, or undefined (with a notice printed once) when it is absent. */
export function corpusDir(): string | undefined {
  const dir = path.join(sharedDir, 'corpus')
  if (fs.existsSync(dir)) return dir
  console.warn(`[kogi tests] ${dir} is absent: corpus tests are skipped (a fresh clone has no ../shared)`)
  return undefined
}
