/**
 * Naming the encoding of a file that is not UTF-8, only on strong evidence.
 *
 * A Japanese author's old files are likely Shift_JIS or EUC-JP, and an editor may save UTF-16;
 * saying which lets the instructor re-save the file instead of guessing. A wrong name is worse
 * than none (almost any even-length bytes decode as UTF-16LE, and mostly-UTF-8 text with one bad
 * byte decodes as Shift_JIS mojibake), so every guess must pass a test the wrong ones fail.
 */

/** An encoding named for a file, with what showed it. */
export interface NamedEncoding {
  readonly name: 'UTF-16LE' | 'UTF-16BE' | 'Shift_JIS' | 'EUC-JP'
  /** A byte order mark names the encoding of the whole file, so the file's first line is the place to report. */
  readonly byBom: boolean
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence; -1 when there is none. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const need = sequenceLength(bytes, i)
    if (need < 0) return i
    i += need
  }
  return -1
}

/** Length of the valid UTF-8 sequence starting at `i`, or -1. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!
  const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
  if (need < 0) return -1
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k]
    if (c === undefined || (c & 0xc0) !== 0x80) return -1
  }
  return need + 1
}

/** Whether valid multi-byte UTF-8 characters outnumber invalid bytes: UTF-8 with damage, not another encoding. */
function mostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0
  let invalid = 0
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i)
    if (length < 0) invalid++
    else if (length > 1) valid++
    i += Math.max(length, 1)
  }
  return valid > invalid
}

/**
 * UTF-16 without a byte order mark: line ends and ASCII leave a zero byte on one side of their
 * pair (`0A 00` little-endian) in at least one pair in a hundred, while a zero on the other side
 * is rare (U+3000 and the like).
 */
function utf16ByZeros(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (bytes.length % 2 !== 0) return undefined
  let even = 0
  let odd = 0
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue
    if (i % 2 === 0) even++
    else odd++
  }
  const enough = Math.max(1, bytes.length / 200)
  const name = odd >= enough && odd > 4 * even ? 'UTF-16LE' : even >= enough && even > 4 * odd ? 'UTF-16BE' : undefined
  const text = name && decodesAsText(bytes, name)
  return text !== undefined && text !== '' && readsAs(text, LATIN_OR_JAPANESE) ? name : undefined
}

/** The text of bytes in an encoding, when they decode without error into text with no control characters but tab and line ends. */
function decodesAsText(bytes: Uint8Array, label: string): string | undefined {
  let text: string
  try {
    text = new TextDecoder(label, { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? undefined : text
}

// Japanese text as the JIS X 0208 repertoire writes it: kana, kanji, full-width forms and
// the symbols, Greek and Cyrillic of its first rows. Half-width kana are not in it: EUC-JP bytes
// read as Shift_JIS come out as runs of them.
const JAPANESE = /[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e\uffe0-\uffe5\u00a7\u00a8\u00b0\u00b1\u00b4\u00b6\u00d7\u00f7\u0391-\u03c9\u0401-\u0451\u2010-\u203b\u2103\u2116\u2121\u212b\u2160-\u2169\u2190-\u22ff\u2460-\u2473\u2500-\u254b\u25a0-\u25ef\u2605\u2606\u2640\u2642\u266a-\u266f\uf900-\ufaff]/gu
const LATIN_OR_JAPANESE = new RegExp(`${JAPANESE.source}|[\\u00a0-\\u024f]`, 'gu')
const KANA = /[\u3041-\u30ff]/u

/** Whether 90% or more of a text's non-ASCII characters are of a kind. */
function readsAs(text: string, kind: RegExp): boolean {
  const nonAscii = text.length - (text.match(/[\u0000-\u007f]/gu)?.length ?? 0)
  return (text.match(kind)?.length ?? 0) >= 0.9 * nonAscii
}

/**
 * How many Japanese characters a decoding gives, or 0 when it does not read as Japanese. Kana
 * are required: Latin-1 accents followed by ASCII decode as Shift_JIS kanji, never as kana.
 */
function japaneseScore(text: string | undefined): number {
  if (text === undefined || !KANA.test(text) || !readsAs(text, JAPANESE)) return 0
  return text.match(JAPANESE)?.length ?? 0
}

/**
 * Name the encoding of bytes that are not UTF-8 (or are UTF-8 holding zero bytes).
 *
 * @param bytes The whole file.
 * @returns The encoding, or undefined when the evidence is not strong.
 */
export function nameEncoding(bytes: Uint8Array): NamedEncoding | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { name: 'UTF-16LE', byBom: true }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { name: 'UTF-16BE', byBom: true }
  const utf16 = utf16ByZeros(bytes)
  if (utf16) return { name: utf16, byBom: false }
  if (bytes.includes(0) || mostlyUtf8(bytes)) return undefined
  const scores = (['Shift_JIS', 'EUC-JP'] as const).map((name) => ({ name, score: japaneseScore(decodesAsText(bytes, name)) }))
  const [best, other] = scores.sort((a, b) => b.score - a.score)
  return best!.score > other!.score ? { name: best!.name, byBom: false } : undefined
}
