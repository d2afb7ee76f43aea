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
