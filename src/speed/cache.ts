/**
 * Page cache: what the page stage produced for a page, kept on disk between builds.
 *
 * An entry is found by a key that hashes everything the page stage reads: the page's text (after
 * comments are blanked) and `file.data` (front matter), its place in the site, the config, the
 * site's set of page URLs (links are resolved against it), and kogi itself (its sources and
 * locked dependencies). Templates are not part of it because the page stage never reads them:
 * layouts run on every build, so a changed template shows on every page regardless.
 * Anything new a page's render comes to depend on must be added in {@link PageCache.keyOf}.
 *
 * Each file holds a SHA-256 of its payload: a truncated, corrupt or foreign file is ignored
 * and the page rendered again, never used.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { VFile } from 'vfile'
import type { Config } from '../config.js'
import type { PageEntry, SiteModel } from '../stages/model.js'
import { type RenderedPage } from './rendered.js'
import { readChecked, writeChecked } from './checksummed.js'
import { hashTree } from './tree-hash.js'

/** Changed whenever what an entry holds changes (2: facts carry the page's search sections; 3: and its KaTeX fonts). */
const FORMAT = 'kogi-page-cache-3'
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
let codeHash: string | undefined

/**
 * A hash of kogi's own code: its sources, package.json and lock file. The version number alone
 * is not enough, since a change of a plugin between releases changes pages too.
 */
export function kogiFingerprint(): string {
  if (codeHash) return codeHash
  const hash = crypto.createHash('sha256')
  // Installed as a package, kogi has only its compiled code: that is what changes between versions.
  const src = path.join(packageRoot, 'src')
  hashTree(hash, fs.existsSync(src) ? src : path.join(packageRoot, 'dist'))
  for (const name of ['package.json', 'package-lock.json']) {
    const file = path.join(packageRoot, name)
    if (fs.existsSync(file)) hash.update(name).update(fs.readFileSync(file))
  }
  return (codeHash = hash.digest('hex'))
}

/** The site facts link resolution reads: every source path and page URL. */
export function siteFingerprint(model: SiteModel): string {
  const rows = model.pages.map((p) => `${p.rel}\t${p.url}\t${p.kind}\t${p.generated ? 1 : 0}`).sort()
  return crypto.createHash('sha256').update(rows.join('\n')).digest('hex')
}

/**
 * JSON for a cache key in which an object met a second time is written as the number of its
 * first appearance: front matter that shares values through YAML aliases costs its own size,
 * not that of its expansion, and one that contains itself cannot throw.
 *
 * @param value What to serialise.
 */
export function keyJson(value: unknown): string {
  const seen = new Map<object, number>()
  const references = new WeakSet<object>()
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || references.has(v)) return v
    const first = seen.get(v)
    if (first === undefined) {
      seen.set(v, seen.size)
      return v
    }
    const reference = { '\u0000seen': first }
    references.add(reference)
    return reference
  })
}

/** Page results on disk, one file per page, under a folder of their own per content folder. */
export class PageCache {
  readonly dir: string
  private readonly common: string
  private readonly used = new Set<string>()

  /**
   * @param cacheDir The cache folder (`.cache/kogi`).
   * @param contentDir The content folder; each has its own entries, pruned on each build.
   * @param config The build's config.
   * @param model The site model; its page set is part of every key.
   */
  constructor(cacheDir: string, contentDir: string, config: Config, model: SiteModel) {
    const scope = crypto.createHash('sha256').update(path.resolve(contentDir)).digest('hex').slice(0, 16)
    this.dir = path.join(cacheDir, 'pages', scope)
    // Rule levels only change what the report says about a page, never the page: not in the key.
    const { rules: _levels, ...rendering } = config
    this.common = [FORMAT, kogiFingerprint(), JSON.stringify(rendering), siteFingerprint(model)].join('\n')
  }

  /** The key of a page: a hash of everything its render reads. */
  keyOf(page: PageEntry, file: VFile): string {
    return crypto
      .createHash('sha256')
      .update(this.common)
      .update('\n' + keyJson(page))
      .update('\n' + keyJson(file.data))
      .update('\n' + String(file.value))
      .digest('hex')
  }

  /** The cached result for a key, or undefined when absent or unreadable. */
  get(key: string): RenderedPage | undefined {
    this.used.add(key)
    const page = readChecked<RenderedPage>(path.join(this.dir, key), key)
    return page && typeof page.content === 'string' && Array.isArray(page.messages) ? page : undefined
  }

  /** Store a result (atomically: a crash mid-write leaves no half file under the key). */
  set(key: string, page: RenderedPage): void {
    this.used.add(key)
    writeChecked(path.join(this.dir, key), key, page)
  }

  /** Delete entries this build did not use (older versions of pages). */
  prune(): void {
    let names: string[]
    try {
      names = fs.readdirSync(this.dir)
    } catch {
      return
    }
    for (const name of names) if (!this.used.has(name)) fs.rmSync(path.join(this.dir, name), { force: true })
  }
}
