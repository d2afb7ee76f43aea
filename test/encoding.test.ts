/**
 * Files that are not UTF-8: the encoding is named only when it can be told for sure (a byte
 * order mark, UTF-16's zero bytes, text that reads as Japanese in exactly one legacy encoding);
 * anything else is "not UTF-8" at the line and column of the first bad byte.
 */
import { describe, expect, it } from 'vitest'
import { decodeSource } from '../src/stages/read.js'
import { buildFiles } from './helpers/build.js'

const LECTURE = '# 第1回 統計学入門\n\n今日は、確率の基礎について学びます。\nデータを見てみましょう（図1）。\n'

/** The bytes of a text in a legacy Japanese encoding, found by decoding every two-byte code once. */
function encodeLegacy(text: string, label: 'shift_jis' | 'euc-jp'): Buffer {
  const [leads, trails] = label === 'shift_jis' ? [[0x81, 0x9f, 0xe0, 0xfc], [0x40, 0xfc]] : [[0xa1, 0xfe], [0xa1, 0xfe]]
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder(label)
  for (let r = 0; r < leads.length; r += 2) {
    for (let lead = leads[r]!; lead <= leads[r + 1]!; lead++) {
      for (let trail = trails[0]!; trail <= trails[1]!; trail++) {
        const char = decoder.decode(new Uint8Array([lead, trail]))
        if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail])
      }
    }
  }
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : table.get(c)!)))
}

/** The one message of a decoded file as `line:column ruleId reason`. */
function problem(bytes: Uint8Array): string[] {
  const file = decodeSource(bytes, 'c/x.md')
  expect(String(file.value)).toBe('')
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal ? 'error' : 'warning'} ${m.reason}`)
}

describe('legacy Japanese encodings', () => {
  it('names Shift_JIS and EUC-JP lectures at their first non-ASCII byte', () => {
    expect(problem(encodeLegacy(LECTURE, 'shift_jis'))).toEqual(['1:3 encoding error file is not UTF-8 (first invalid byte 0x91): it looks like Shift_JIS; re-save it as UTF-8'])
    expect(problem(encodeLegacy(LECTURE, 'euc-jp'))).toEqual(['1:3 encoding error file is not UTF-8 (first invalid byte 0xc2): it looks like EUC-JP; re-save it as UTF-8'])
  })

  it('does not take Latin-1 accents for Shift_JIS kanji, nor invalid bytes for UTF-16LE', () => {
    // "café ok\n" in Latin-1: once said to look like UTF-16LE; é followed by ASCII also decodes as a Shift_JIS kanji.
    expect(problem(Buffer.from('caf\xe9 ok\n', 'latin1'))).toEqual(['1:4 encoding error file is not UTF-8 (first invalid byte 0xe9): re-save it as UTF-8'])
    expect(problem(Buffer.from('# naïve\n\nrésumé\n', 'latin1'))).toEqual(['1:5 encoding error file is not UTF-8 (first invalid byte 0xef): re-save it as UTF-8'])
  })

  it('calls UTF-8 with one damaged character "not UTF-8", at the damage', () => {
    const bytes = Buffer.from(LECTURE)
    const at = bytes.indexOf(Buffer.from('確'))
    bytes[at + 1] = 0x41 // cut the character's second byte
    expect(problem(bytes)).toEqual(['3:5 encoding error file is not UTF-8 (first invalid byte 0xe7): re-save it as UTF-8'])
  })
})

describe('UTF-16', () => {
  const utf16be = (text: string) => Buffer.from(text, 'utf16le').swap16()

  it('names it from its byte order mark, at the first line', () => {
    expect(problem(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LECTURE, 'utf16le')]))).toEqual(['1:1 encoding error file is not UTF-8: its byte order mark says UTF-16LE; re-save it as UTF-8'])
    expect(problem(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(LECTURE)]))).toEqual(['1:1 encoding error file is not UTF-8: its byte order mark says UTF-16BE; re-save it as UTF-8'])
  })

  it('names it from its zero bytes without a mark, even when every byte is valid UTF-8', () => {
    expect(problem(Buffer.from(LECTURE, 'utf16le'))).toEqual(['1:1 encoding error file is not UTF-8: it looks like UTF-16LE; re-save it as UTF-8'])
    expect(problem(utf16be(LECTURE))).toEqual(['1:1 encoding error file is not UTF-8: it looks like UTF-16BE; re-save it as UTF-8'])
    // ASCII in UTF-16 is all valid UTF-8, one zero byte in two.
    expect(problem(Buffer.from('# Title\n\nText.\n', 'utf16le'))).toEqual(['1:1 encoding error file is not UTF-8: it looks like UTF-16LE; re-save it as UTF-8'])
  })

  it('reads a UTF-8 file with a stray zero byte as UTF-8', () => {
    const file = decodeSource(Buffer.from('a\u0000b\n'), 'c/x.md')
    expect([String(file.value), file.messages]).toEqual(['a\u0000b\n', []])
  })

  it('reports it in a build and builds the other pages', async () => {
    const b = await buildFiles({ 'c/utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LECTURE, 'utf16le')]), 'c/ok.md': '# ok\n' })
    expect(b.report).toBe('content/c/utf16.md:1:1  error  file is not UTF-8: its byte order mark says UTF-16LE; re-save it as UTF-8  encoding kogi')
    expect(b.result.pages).toBe(3)
  })
})
