/**
 * Theme files: kogi's CSS and JavaScript and KaTeX's stylesheet and fonts, under `/_kogi/`.
 *
 * They live under a folder of their own so they can never collide with the instructor's files,
 * and their names carry a content hash so a redeploy never mixes old CSS with new HTML.
 * KaTeX's fonts are shipped as woff2 only (every browser that runs the theme reads it),
 * which keeps the site small and offline-ready: nothing is fetched from a CDN.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { Found } from '../stages/discover.js'
import type { Config } from '../config.js'
import { withBase } from './views.js'

/** A file to write into the site. */
export interface OutFile {
  /** Path relative to the site folder. */
  readonly rel: string
  readonly data: Buffer | string
}

/** Site paths (without base) of the theme's entry points. */
export interface ThemeUrls {
  readonly css: string
  readonly js: string
  readonly katexCss: string
  /** Folder of the KaTeX font files, ending in `/`. */
  readonly katexFonts: string
}

/** Prefix of every file kogi itself adds to a site. */
export const THEME_DIR = '_kogi'

/** First 10 hex digits of the SHA-256 of some bytes. */
export function contentHash(data: Buffer | string): string {
  return crypto.createHash('sha256').update(data).digest('hex').slice(0, 10)
}

function hashed(dir: string, name: string, data: Buffer | string): OutFile {
  const ext = path.extname(name)
  return { rel: `${dir}/${path.basename(name, ext)}.${contentHash(data)}${ext}`, data }
}

const require = createRequire(import.meta.url)

/** KaTeX's CSS reduced to woff2 font sources. */
export function katexCss(): string {
  const css = fs.readFileSync(require.resolve('katex/dist/katex.min.css'), 'utf8')
  return css.replace(/src:url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)(?:,url\([^)]+\) format\("[a-z]+"\))*/g, 'src:url($1) format("woff2")')
}

/**
 * Collect the theme's files.
 *
 * @param assets The files of the project's `assets/` folder as the build found them
 *   (src/stages/discover.ts), whose `kogi/` subfolder holds the theme: a link there that leads
 *   outside the project's folders was reported and is not among them.
 * @returns The files to write and the URLs of the entry points.
 */
export function themeFiles(assets: readonly Found[]): { files: OutFile[]; urls: ThemeUrls } {
  const files: OutFile[] = []
  // Each feature keeps its styles and script in a file of its own (kogi.css, toc.css, …);
  // they are joined in name order into one stylesheet and one script, so a page makes two requests.
  const bundle = (ext: string): string => {
    const own = (f: Found) => f.rel.startsWith('kogi/') && !f.rel.includes('/', 5) && f.rel.endsWith(ext)
    const parts = assets.filter(own).map((f) => ({ name: f.rel.slice(5), abs: f.abs }))
    parts.sort((a, b) => (a.name === 'kogi' + ext ? -1 : b.name === 'kogi' + ext ? 1 : a.name < b.name ? -1 : 1))
    // A `;` between scripts: without it, a file that starts with `(` calls the one before it.
    const separator = ext === '.js' ? '\n;' : '\n'
    return parts.map((p) => `/* ${p.name} */\n` + fs.readFileSync(p.abs, 'utf8')).join(separator)
  }
  const css = hashed(THEME_DIR, 'kogi.css', bundle('.css'))
  const js = hashed(THEME_DIR, 'kogi.js', bundle('.js'))
  const katex = hashed(`${THEME_DIR}/katex`, 'katex.css', katexCss())
  files.push(css, js, katex)
  const fontDir = path.join(path.dirname(require.resolve('katex/dist/katex.min.css')), 'fonts')
  for (const font of fs.readdirSync(fontDir).filter((f) => f.endsWith('.woff2'))) {
    files.push({ rel: `${THEME_DIR}/katex/fonts/${font}`, data: fs.readFileSync(path.join(fontDir, font)) })
  }
  return { files, urls: { css: '/' + css.rel, js: '/' + js.rel, katexCss: '/' + katex.rel, katexFonts: `/${THEME_DIR}/katex/fonts/` } }
}

/** What the layouts know of the theme: the `theme` template variable. */
export type ThemeView = Record<'favicon' | 'css' | 'js' | 'katex' | 'katexFonts' | 'vars', string>

/**
 * Write the theme into the new site: kogi's stylesheet and script, KaTeX's stylesheet and fonts,
 * and the favicon unless the content folder has its own.
 *
 * @param write Writes a file of the site.
 * @param config The site's config (base path, theme variables).
 * @param assets The assets folder's files, kogi's theme among them (src/site/theme-dirs.ts).
 * @param statics The site paths of the content folder's other files.
 * @returns The `theme` template variable.
 */
export function publishTheme(write: (rel: string, data: string | Buffer) => void, config: Config, assets: readonly Found[], statics: readonly string[]): ThemeView {
  const theme = themeFiles(assets)
  for (const f of theme.files) write(f.rel, f.data)
  const icon = favicon(config, statics, assets.find((f) => f.rel === 'kogi/favicon.svg')?.abs)
  if (icon.file) write(icon.file.rel, icon.file.data)
  return {
    favicon: icon.url,
    css: config.base + theme.urls.css.slice(1),
    js: config.base + theme.urls.js.slice(1),
    katex: config.base + theme.urls.katexCss.slice(1),
    katexFonts: config.base + theme.urls.katexFonts.slice(1),
    vars: Object.entries(config.theme).map(([k, v]) => `${k}:${v}`).join(';'),
  }
}

const FAVICON_NAMES = ['favicon.svg', 'favicon.ico', 'favicon.png']

/**
 * The favicon: the instructor's `content/favicon.*` if there is one, else kogi's default from
 * `assets/kogi/favicon.svg`, published under a content-hashed name.
 *
 * @param config The site config (for the base path).
 * @param statics Site-relative paths of the content files copied as they are.
 * @param themeIcon `assets/kogi/favicon.svg` when the build found it there.
 * @returns The favicon's URL with the base, and the file to write when it is kogi's own.
 */
export function favicon(config: Config, statics: readonly string[], themeIcon: string | undefined): { url: string; file?: OutFile } {
  const own = FAVICON_NAMES.find((name) => statics.includes(name))
  if (own) return { url: withBase(config, '/' + own) }
  if (themeIcon === undefined) return { url: '' }
  const data = fs.readFileSync(themeIcon)
  const rel = `${THEME_DIR}/favicon.${contentHash(data)}.svg`
  return { url: withBase(config, '/' + rel), file: { rel, data } }
}
