/**
 * The progress line shows on a terminal and stays out of CI logs and pipes.
 */
import { describe, expect, it } from 'vitest'
import { progressLine } from '../src/report/progress.js'

function stream(isTTY: boolean) {
  const written: string[] = []
  return { isTTY, written, write: (t: string) => written.push(t) }
}

describe('progress line', () => {
  it('counts pages on a terminal and clears itself at the end', () => {
    const s = stream(true)
    const progress = progressLine(s, {})!
    progress(1, 3)
    progress(3, 3)
    expect(s.written).toEqual(['\rkogi: rendering 1/3 pages', '\r\x1b[K'])
  })

  it('is off when the output is not a terminal or CI is set', () => {
    expect(progressLine(stream(false), {})).toBeUndefined()
    expect(progressLine(stream(true), { CI: 'true' })).toBeUndefined()
  })
})
