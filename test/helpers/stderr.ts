/**
 * Inside a `describe` or at the top of a test file: collect what the code under test writes to
 * stderr (the command line's report) instead of printing it, afresh for each test.
 *
 * @returns The text written so far in the current test; `clear()` starts it anew.
 */
import { afterEach, beforeEach, vi } from 'vitest'

export function captureStderr(): { readonly text: string; clear(): void } {
  let text = ''
  beforeEach(() => {
    text = ''
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      text += String(chunk)
      return true
    })
  })
  afterEach(() => vi.restoreAllMocks())
  return {
    get text() {
      return text
    },
    clear() {
      text = ''
    },
  }
}
