/**
 * Extras: the files a real site needs besides its pages — 404.html, sitemap.xml, robots.txt
 * and a favicon.
 *
 * A file the instructor put in content/ under the same name wins: kogi writes its own only
 * where the site has none. Every URL in them carries the base path, since a project site on
 * GitHub Pages lives under /<repo>/ and its 404 page is shown at any depth.
 */
import type { Config } from '../config.js'
import type { VFile } from 'vfile'
import type { PageEntry } from '../stages/model.js'
import { pageView, siteView, withBase, type SiteContext } from './views.js'
import type { Layouts } from '../stages/layout.js'
import { isOutOfSpace, type SiteWriter } from '../stages/write.js'

/** Title of kogi's own 404 page. */
export const NOT_FOUND_TITLE = 'ページが見つかりません'

/** Names a favicon of the instructor's may have at the top of content/, in order of preference. */

/** The page entry kogi renders as /404.html with the site's layout. */
export function notFoundEntry(): PageEntry {
  return { rel: '404.html', url: '/404.html', outFile: '404.html', dir: '/', kind: 'page', matter: { title: NOT_FOUND_TITLE }, generated: true }
}

/** Content of the 404 page when templates/includes/not-found.liquid is absent. */
export function notFoundFallback(home: string): string {
  return `<h1>${NOT_FOUND_TITLE}</h1>\n<p>お探しのページは移動したか，削除された可能性があります。</p>\n<p><a href="${home}">ホームへ戻る</a></p>\n`
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * sitemap.xml listing every page at its public address; undefined without config `url`,
 * since a sitemap must hold absolute URLs.
 *
 * @param config The site config.
 * @param pages The site's pages.
 */
export function sitemap(config: Config, pages: readonly PageEntry[]): string | undefined {
  if (!config.url) return undefined
  const entries = pages.map((page) => {
    const loc = escapeXml(encodeURI(config.url + withBase(config, page.url)))
    const date = typeof page.matter.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(page.matter.date) ? page.matter.date : undefined
    return `  <url><loc>${loc}</loc>${date ? `<lastmod>${date}</lastmod>` : ''}</url>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`
}

/**
 * robots.txt allowing everything and naming the sitemap. Crawlers read robots.txt only at the
 * root of a host, so on a project site it matters once the site has its own domain.
 *
 * @param config The site config.
 */
export function robots(config: Config): string {
  const lines = ['User-agent: *', 'Allow: /']
  if (config.url) lines.push('', `Sitemap: ${encodeURI(config.url + withBase(config, '/sitemap.xml'))}`)
  return lines.join('\n') + '\n'
}

/** What {@link writeExtras} needs from the build. */
export interface ExtrasContext {
  readonly ctx: SiteContext
  readonly layouts: Layouts
  readonly writer: SiteWriter
  /** The `theme` template variable of the pages. */
  readonly theme: Record<string, string>
  /** Messages about the site as a whole go here. */
  readonly siteFile: VFile
}

/**
 * Write 404.html, sitemap.xml and robots.txt where the site has none of its own.
 *
 * @param extras The build's site, layouts, writer and theme variables.
 */
export async function writeExtras(extras: ExtrasContext): Promise<void> {
  const { ctx, layouts, writer, siteFile } = extras
  const { config } = ctx
  if (!writer.has('404.html')) {
    const site = siteView(ctx)
    const entry = notFoundEntry()
    // The 404 page is served at any address, so it must not claim one as canonical.
    const page = { ...pageView(ctx, entry), canonical: '', noindex: true }
    let content: string
    try {
      content = await layouts.engine.renderFile('not-found', { site, page })
    } catch {
      content = notFoundFallback(site.home)
    }
    try {
      writer.write(entry.outFile, await layouts.render('default', { site, page, content, theme: extras.theme }))
    } catch (error) {
      if (isOutOfSpace(error)) throw error
      siteFile.message(`404.html could not be rendered: ${(error as Error).message}`, { ruleId: 'layout', source: 'kogi', cause: error as Error })
    }
  }
  const map = sitemap(config, ctx.model.pages)
  if (map && !writer.has('sitemap.xml')) writer.write('sitemap.xml', map)
  if (!map) {
    siteFile.info('no `url` in kogi.config.json: sitemap.xml is not written and pages have no canonical URL', { ruleId: 'sitemap', source: 'kogi' })
  }
  if (!writer.has('robots.txt')) writer.write('robots.txt', robots(config))
}
