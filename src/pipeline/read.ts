/**
 * Read a lecture's bytes into a VFile: UTF-8 only, BOM dropped, other encodings named.
 *
 * A Japanese author's old files are likely Shift_JIS or EUC-JP; saying which one (and where the
 * first non-UTF-8 byte is) lets the instructor re-save the file instead of guessing.
 */
import { VFile } from 'vfile'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
    if (need < 0) return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
    }
    i += need + 1
  }
  return -1
}

/** Guess which legacy Japanese encoding decodes the bytes cleanly, if any. */
export function guessLegacyEncoding(bytes: Uint8Array): string | undefined {
  for (const label of ['shift_jis', 'euc-jp', 'iso-2022-jp', 'utf-16le']) {
    try {
      const text = new TextDecoder(label, { fatal: true }).decode(bytes)
      // A decode that yields Japanese characters is a strong hint; control noise is not.
      if (/[\u3040-\u30ff\u4e00-\u9fff]/.test(text) && !/[\u0000-\u0008]/.test(text)) return label === 'shift_jis' ? 'Shift_JIS' : label.toUpperCase()
    } catch {
      // not this one
    }
  }
  return undefined
}

/**
 * Decode a source file.
 *
 * @param bytes The file's bytes.
 * @param displayPath The path used in messages (relative to the working folder).
 * @returns A VFile holding the text, or one carrying a fatal message when the bytes are not UTF-8.
 */
export function decodeSource(bytes: Uint8Array, displayPath: string): VFile {
  const file = new VFile({ path: displayPath })
  try {
    let text = utf8.decode(bytes)
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    file.value = text
    return file
  } catch {
    const at = firstInvalidUtf8(bytes)
    const before = bytes.subarray(0, Math.max(at, 0))
    let line = 1
    let lineStart = 0
    for (let i = 0; i < before.length; i++) {
      if (before[i] === 0x0a) {
        line++
        lineStart = i + 1
      }
    }
    const column = new TextDecoder().decode(bytes.subarray(lineStart, Math.max(at, lineStart))).length + 1
    const guess = guessLegacyEncoding(bytes)
    const hint = guess ? `it looks like ${guess}; re-save it as UTF-8` : 're-save it as UTF-8'
    file.value = ''
    try {
      file.fail(`file is not UTF-8 (first invalid byte 0x${bytes[at]?.toString(16).padStart(2, '0')}): ${hint}`, {
        place: { line, column },
        ruleId: 'encoding',
        source: 'kogi',
      })
    } catch {
      // `fail` throws by design; the message stays on the file.
    }
    return file
  }
}
