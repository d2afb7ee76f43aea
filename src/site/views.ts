/**
 * Site pass: what a page's template needs from the whole site — course lists, lecture lists,
 * breadcrumbs, previous/next — once every page has been rendered and has its title.
 */
import type { Config } from '../config.js'
import type { PageFacts } from '../types.js'
import type { Course, PageEntry, SiteModel } from '../stages/model.js'
import { qrSvg } from './qr.js'
import type { SearchPage } from './search.js'

/** A link to a page as templates see it: URL with the base, and its title. */
export interface PageLink {
  readonly url: string
  readonly title: string
  readonly date?: string
  readonly description?: string
}

/** Everything the site pass knows. */
export interface SiteContext {
  readonly config: Config
  readonly model: SiteModel
  /** Facts of every rendered page, by site path. */
  readonly facts: ReadonlyMap<string, PageFacts>
}

/** Prefix a site path with the base. */
export function withBase(config: Config, sitePath: string): string {
  return config.base + sitePath.replace(/^\//, '')
}

/**
 * A page as the search index reads it, the same for a build and the dev server's one-page rebuild.
 *
 * @param config The site's config (its base path).
 * @param page The page.
 * @param facts What its render learned, if it was rendered.
 */
export function searchPageOf(config: Config, page: PageEntry, facts: PageFacts | undefined): SearchPage {
  return { url: withBase(config, page.url), title: facts?.title ?? page.url, sections: facts?.search ?? [] }
}

function titleOf(ctx: SiteContext, page: PageEntry): string {
  // A home or course page kogi made has no source to take a title from (its file name would be "index").
  const course = page.generated && page.kind === 'course' ? ctx.model.courseOf(page) : undefined
  if (course) return course.title
  if (page.generated && page.kind === 'home') return ctx.config.title
  return ctx.facts.get(page.url)?.title ?? page.matter.title ?? page.url
}

function linkTo(ctx: SiteContext, page: PageEntry): PageLink {
  const facts = ctx.facts.get(page.url)
  return {
    url: withBase(ctx.config, page.url),
    title: titleOf(ctx, page),
    ...(page.matter.date ? { date: page.matter.date } : {}),
    ...(facts && facts.description !== facts.title ? { description: facts.description } : {}),
  }
}

function courseView(ctx: SiteContext, course: Course) {
  return {
    id: course.id,
    url: withBase(ctx.config, course.url),
    title: course.index.generated ? course.title : titleOf(ctx, course.index),
    lectures: course.lectures.map((l) => linkTo(ctx, l)),
    glossary: ctx.facts.has(`${course.url}terms/`) ? withBase(ctx.config, `${course.url}terms/`) : undefined,
  }
}

/** The `site` variable of every template. */
export function siteView(ctx: SiteContext) {
  const { config } = ctx
  return {
    title: config.title,
    author: config.author,
    lang: config.lang,
    base: config.base,
    url: config.url,
    description: config.description,
    home: withBase(config, '/'),
    courses: ctx.model.courses.map((c) => courseView(ctx, c)),
  }
}

/**
 * The `page` variable of one page's template: its front matter plus what kogi knows.
 *
 * @param ctx The site.
 * @param page The page.
 */
export function pageView(ctx: SiteContext, page: PageEntry) {
  const { config, model } = ctx
  const facts = ctx.facts.get(page.url)
  const course = model.courseOf(page)
  const index = course ? course.lectures.indexOf(page) : -1
  const prev = course && index > 0 ? linkTo(ctx, course.lectures[index - 1]!) : undefined
  const next = course && index >= 0 && index < course.lectures.length - 1 ? linkTo(ctx, course.lectures[index + 1]!) : undefined
  const url = withBase(config, page.url)
  return {
    ...page.matter,
    title: titleOf(ctx, page),
    author: page.matter.author ?? config.author,
    description: facts?.description ?? config.description,
    url,
    path: page.url,
    canonical: config.url ? config.url + url : '',
    kind: page.kind,
    source: page.generated ? '' : page.rel,
    course: course ? courseView(ctx, course) : undefined,
    prev,
    next,
    formulas: facts?.formulas ?? 0,
    /** KaTeX font files the page's formulas use; the head preloads them. */
    fonts: facts?.fonts ?? [],
    toc: facts?.toc ?? [],
    /** Inline SVG QR code of the lecture's public URL; empty without config `url`. */
    qr: page.kind === 'lecture' && config.url ? qrSvg(config.url + url, `${titleOf(ctx, page)} のQRコード`) : '',
  }
}
