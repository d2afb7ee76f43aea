/**
 * What `kogi init` takes from a Jekyll site's `_config.yml`: the site's title, description,
 * base path, address, and the files Jekyll leaves out of the site or keeps in it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'

/** The settings a Jekyll config gives a kogi config. */
export interface JekyllSettings {
  readonly title?: string
  readonly description?: string
  /** Jekyll's `baseurl` as a kogi base path (`/` or `/repo/`). */
  readonly base?: string
  readonly url?: string
  readonly exclude?: string[]
  readonly include?: string[]
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : undefined)
const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined)

/**
 * Read `_config.yml` from a folder.
 *
 * @param root The repository folder.
 * @returns The settings found (fields Jekyll's file leaves empty are absent), or undefined when
 *   there is no `_config.yml`.
 * @throws Error naming the file and line when it is not valid YAML.
 */
export function readJekyllConfig(root: string): JekyllSettings | undefined {
  const file = path.join(root, '_config.yml')
  if (!fs.existsSync(file)) return undefined
  let raw: unknown
  try {
    // Jekyll accepts a key given twice (the last wins); so does this.
    raw = parse(fs.readFileSync(file, 'utf8'), { uniqueKeys: false })
  } catch (error) {
    const e = error as { message: string; linePos?: { line: number; col: number }[] }
    const at = e.linePos?.[0]
    throw new Error(`_config.yml${at ? `:${at.line}:${at.col}` : ''}: not valid YAML: ${e.message.split('\n')[0]}`)
  }
  const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const baseurl = text(c.baseurl)
  const url = text(c.url)?.replace(/\/+$/, '')
  const settings: Record<string, unknown> = {
    title: text(c.title),
    description: text(c.description),
    base: baseurl === undefined ? undefined : `/${baseurl.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/'),
    url: url !== undefined && /^https?:\/\/[^/\s]+(\/\S*)?$/.test(url) ? url : undefined,
    exclude: list(c.exclude),
    include: list(c.include),
  }
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as JekyllSettings
}
