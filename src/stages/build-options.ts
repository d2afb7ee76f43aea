/**
 * What a build is asked to do and what it tells: its options, its result, and what the dev
 * server keeps of a written site.
 */
import type { VFile } from 'vfile'
import type { Config } from '../config.js'
import type { PageFacts } from '../types.js'
import type { Matter } from './frontmatter.js'
import type { PageEntry, SiteModel } from './model.js'
import type { Layouts } from './layout.js'
import type { Timings } from '../report/timings.js'

/** Where a build reads and writes. */
export interface BuildOptions {
  readonly config: Config
  /** Folder of lectures; default `<root>/content`. */
  readonly contentDir: string
  /** Output folder; default `<root>/_site`. */
  readonly outDir: string
  /** Folder with `layouts/` and `includes/`. */
  readonly templatesDir: string
  /** Folder copied to `/assets/`; its `kogi/` subfolder is the theme. */
  readonly assetsDir: string
  /** Paths in messages are relative to this folder; default the working folder. */
  readonly cwd?: string
  /** Render HTML comments as marked drafts instead of dropping them (preview only). */
  readonly drafts?: boolean
  /** Folder for the page cache (`.cache/kogi`); no cache when undefined. */
  readonly cacheDir?: string
  /** Worker threads for rendering pages; default one per core. */
  readonly workers?: number
  /** Called as pages are rendered, with pages done and the total. */
  readonly onProgress?: (done: number, total: number) => void
  /** Called once the new site is in place, with what it was made from (the dev server keeps it). */
  readonly onWritten?: (site: BuiltSite) => void
  /** The inputs' hash (src/speed/up-to-date.ts), when the caller took it and found the site out of date. */
  readonly inputs?: string
}

/** What a written site was made from: enough to lay out one of its pages again. */
export interface BuiltSite {
  readonly model: SiteModel
  readonly sources: readonly { rel: string; matter: Matter }[]
  /** Content HTML of every page, glossary pages included. */
  readonly contents: ReadonlyMap<PageEntry, string>
  readonly facts: ReadonlyMap<string, PageFacts>
  readonly layouts: Layouts
  /** The `theme` template variable. */
  readonly theme: Record<string, string>
}

/** What a build did. */
export interface BuildResult {
  /** Every file that carries messages: pages, templates, the content folder itself. */
  readonly files: VFile[]
  readonly pages: number
  readonly errors: number
  readonly warnings: number
  readonly formulas: number
  /** Pages whose render was taken from the page cache. */
  readonly cached: number
  readonly seconds: number
  /** Whether the new site replaced the old one. */
  readonly written: boolean
  /** Wall time of each stage. */
  readonly timings: Timings
  /** Nothing had changed since the last build: its report, and no file written. */
  readonly upToDate?: boolean
}
