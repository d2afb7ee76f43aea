/**
 * A page stage result as plain data, so it can cross a thread or be stored on disk, and be put
 * back on the page's VFile exactly as if the page had been rendered in place.
 */
import type { VFile, Data } from 'vfile'
import type { Options as MessageOptions, VFileMessage } from 'vfile-message'
import type { PageContext } from './page.js'

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

/** Keys of `file.data` that only the page stage reads (KaTeX's macro objects, which hold the page's lexer). */
const INTERNAL = new Set(['macros'])

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
    const { renderPage } = await import('./page.js')
    content = await renderPage(file, context)
  } catch (error) {
    const reason = error instanceof RangeError ? 'it is nested too deeply to render (elements hundreds of levels deep)' : (error as Error).message
    file.message(`page could not be rendered: ${reason}`, { ruleId: 'crash', source: 'kogi', cause: error as Error }).fatal = true
    content = ''
  }
  const data: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(file.data)) if (!INTERNAL.has(k)) data[k] = v
  return { content, data, messages: file.messages.slice(before).map(messageData) }
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

/** Whether a page's result ended in a crash (such results are never cached). */
export function crashed(result: RenderedPage): boolean {
  return result.messages.some((m) => m.ruleId === 'crash')
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
