/**
 * A page stage result as plain data, so it can cross a thread or be stored on disk, and be put
 * back on the page's VFile exactly as if the page had been rendered in place.
 */
import type { VFile, Data } from 'vfile'
import type { Options as MessageOptions, VFileMessage } from 'vfile-message'
import type { LectureRenderer, PageContext } from '../formats/lecture.js'
import type { Config } from '../config.js'

/** One message as plain data. */
export interface MessageData {
  readonly reason: string
  readonly place?: MessageOptions['place']
  readonly ruleId?: string
  readonly source?: string
  readonly fatal?: boolean | null
  readonly url?: string
  readonly note?: string
  readonly cause?: string
}

/** What rendering a page produced. */
export interface RenderedPage {
  readonly content: string
  /** `file.data` after rendering, less what only the page stage uses. */
  readonly data: Record<string, unknown>
  /** Messages added while rendering. */
  readonly messages: readonly MessageData[]
}

/** The most content HTML a page may have: past it the page fails instead of being written. */
const MAX_PAGE_BYTES = 20 * 1024 * 1024

/** Rules of results never cached nor written: a crash or an overrun may be the machine's doing, and an oversized page keeps nothing. */
const UNCACHED = new Set(['crash', 'page-budget'])

/**
 * Keys of `file.data` a result does not carry: what only the page stage reads (KaTeX's macro
 * objects, which hold the page's lexer), and what the build put on the page record before
 * rendering (its path, its entry in this build's model, whose identity the layout relies on).
 */
const INTERNAL = new Set(['macros', 'rel', 'page', 'content'])

/**
 * The lecture renderer of a site, loaded on first use: a build whose pages all come from the
 * cache or from worker threads never needs the markdown and math stack in this thread.
 *
 * @param config The site's config.
 * @param resolvePage The site model's page resolver.
 */
export async function lectureRenderer(config: Config, resolvePage: (sitePath: string) => string | undefined): Promise<LectureRenderer> {
  const { LectureRenderer } = await import('../formats/lecture.js')
  return new LectureRenderer(config, resolvePage)
}

/**
 * Render a page and capture what it produced.
 *
 * @param file The page, comments already removed.
 * @param context As for {@link renderPage}.
 */
export async function renderCaptured(file: VFile, context: PageContext): Promise<RenderedPage> {
  const before = file.messages.length
  let content: string
  try {
    // Loaded on first use: a build whose pages all come from the cache or from worker threads
    // never needs the markdown and math stack in this thread (a third of a second to load).
    const { renderPage } = await import('../formats/lecture.js')
    content = await renderPage(file, context)
  } catch (error) {
    const reason = error instanceof RangeError ? 'it is nested too deeply to render (elements hundreds of levels deep)' : (error as Error).message
    file.message(`page could not be rendered: ${reason}`, { ruleId: 'crash', source: 'kogi', cause: error as Error }).fatal = true
    content = ''
  }
  const bytes = Buffer.byteLength(content)
  if (bytes > MAX_PAGE_BYTES) {
    // A page this large is a runaway (a repeated formula or macro blown up), not a lecture: no reader could open it.
    file.message(`the page's HTML is ${megabytes(bytes)} MB, more than the ${megabytes(MAX_PAGE_BYTES)} MB a page may have; it is not written`, { place: { line: 1, column: 1 }, ruleId: 'page-budget', source: 'kogi' }).fatal = true
    content = ''
  }
  const data: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(file.data)) if (!INTERNAL.has(k)) data[k] = v
  return { content, data, messages: file.messages.slice(before).map(messageData) }
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')
}

/**
 * The result of a page whose render was stopped before it finished.
 *
 * @param reason What the page's fatal message says.
 * @param ruleId The message's rule.
 */
export function stoppedPage(reason: string, ruleId: string): RenderedPage {
  // Line 1: where the render was when it stopped is not known, only that this page stopped it.
  return { content: '', data: {}, messages: [{ reason, place: { line: 1, column: 1 }, ruleId, source: 'kogi', fatal: true }] }
}

/** A message as plain data. */
export function messageData(m: VFileMessage): MessageData {
  return {
    reason: m.reason,
    ...(m.place ? { place: m.place } : {}),
    ...(m.ruleId ? { ruleId: m.ruleId } : {}),
    ...(m.source ? { source: m.source } : {}),
    fatal: m.fatal,
    ...(m.url ? { url: m.url } : {}),
    ...(m.note ? { note: m.note } : {}),
    ...(m.cause instanceof Error ? { cause: m.cause.message } : {}),
  }
}

/** Add messages kept as plain data to a file, as they were. */
export function restoreMessages(file: VFile, messages: readonly MessageData[]): void {
  for (const m of messages) {
    const message = file.message(m.reason, {
      ...(m.place ? { place: m.place } : {}),
      ...(m.ruleId ? { ruleId: m.ruleId } : {}),
      ...(m.source ? { source: m.source } : {}),
      ...(m.cause ? { cause: new Error(m.cause) } : {}),
    })
    message.fatal = m.fatal ?? null
    if (m.url) message.url = m.url
    if (m.note) message.note = m.note
  }
}

/** Whether a page's result ended in a crash or over its budget (such results are never cached, nor written). */
export function crashed(result: RenderedPage): boolean {
  return result.messages.some((m) => m.ruleId !== undefined && UNCACHED.has(m.ruleId))
}

/**
 * Put a result back on the page's file: its data and its messages.
 *
 * @param file The page's VFile, as it was before rendering.
 * @param result What rendering produced (in this thread, another, or an earlier build).
 */
export function applyRendered(file: VFile, result: RenderedPage): string {
  Object.assign(file.data, result.data as Data)
  restoreMessages(file, result.messages)
  return result.content
}
