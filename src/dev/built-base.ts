/**
 * The base path a built site was made for, read from the site itself, so that `kogi preview`
 * serves a site built with `--base /kogi/` at `/kogi/` (styled) without being told again.
 */
import fs from 'node:fs'
import path from 'node:path'

/** A theme file's address in a page: everything before `_kogi/` is the base path. */
const THEME_LINK = /<link rel="stylesheet" href="(\/[^"]*?)_kogi\//

/**
 * Read the base path from the site's home or 404 page.
 *
 * @param siteDir The built site.
 * @returns The base path (`/` or `/kogi/`), or undefined when no page of the site names it.
 */
export function builtBase(siteDir: string): string | undefined {
  for (const page of ['index.html', '404.html']) {
    let html: string
    try {
      html = fs.readFileSync(path.join(siteDir, page), 'utf8')
    } catch {
      continue
    }
    const base = THEME_LINK.exec(html)?.[1]
    if (base) return base
  }
  return undefined
}
