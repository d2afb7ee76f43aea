/**
 * Where the theme comes from: kogi's own templates and theme assets, shipped with the package,
 * under the project's. As with a Jekyll theme gem, a file the project has at the same path
 * (`templates/layouts/default.liquid`, `assets/kogi/kogi.css`) replaces just that file.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Found } from '../stages/discover.js'

/** kogi's own folder: the checkout, or the installed package (this module is in src/ or dist/). */
export const KOGI_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** kogi's own templates folder, holding `layouts/` and `includes/`. */
export const KOGI_TEMPLATES = path.join(KOGI_ROOT, 'templates')

/** kogi's own theme assets (the `kogi/` folder of its assets). */
export const KOGI_THEME = path.join(KOGI_ROOT, 'assets', 'kogi')

/**
 * The template folders to look in, the project's first: the first holding a file wins.
 *
 * @param templatesDir The project's templates folder (may be absent).
 */
export function templateDirs(templatesDir: string): string[] {
  return path.resolve(templatesDir) === KOGI_TEMPLATES ? [KOGI_TEMPLATES] : [templatesDir, KOGI_TEMPLATES]
}

/**
 * The files of a template subfolder (`layouts`, `includes`) by name, each from the first folder
 * that has it.
 *
 * @param templatesDir The project's templates folder.
 * @param sub The subfolder.
 * @returns Name → absolute path, in name order.
 */
export function templateFiles(templatesDir: string, sub: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const dir of templateDirs(templatesDir)) {
    const folder = path.join(dir, sub)
    const names = fs.existsSync(folder) ? fs.readdirSync(folder) : []
    for (const name of names) if (!found.has(name)) found.set(name, path.join(folder, name))
  }
  return new Map([...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * The assets files with kogi's theme files added under `kogi/` where the project has none of
 * that name.
 *
 * @param assets The project's assets files as the build found them.
 */
export function withKogiTheme(assets: readonly Found[]): Found[] {
  const have = new Set(assets.map((a) => a.rel))
  const names = fs.existsSync(KOGI_THEME) ? fs.readdirSync(KOGI_THEME).sort() : []
  const theme = names.map((name) => ({ abs: path.join(KOGI_THEME, name), rel: `kogi/${name}` })).filter((f) => !have.has(f.rel) && fs.statSync(f.abs).isFile())
  return [...assets, ...theme]
}
