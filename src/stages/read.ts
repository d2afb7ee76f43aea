/**
 * Read a lecture's bytes into a VFile: UTF-8 only, BOM dropped, size bounded, other encodings
 * named when they can be told.
 *
 * Every refusal is a fatal message at a place in that file, so the other pages still build.
 */
import fs from 'node:fs'
import { VFile } from 'vfile'
import { firstInvalidUtf8, nameEncoding } from './encoding.js'

/**
 * Largest lecture read, in bytes: four times the longest lecture in the corpus (121 KB, a whole
 * paper in translation). A lecture of prose and formulas this long renders in seconds, while
 * half a megabyte of the densest markdown (one-character list items or table cells) already
 * takes most of a minute and gigabytes of memory: the cost follows the number of elements.
 */
export const MAX_LECTURE_BYTES = 512 * 1024

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A size for messages: `64 KB`, `1.2 MB`. */
export function kilobytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** The refusal of a lecture over {@link MAX_LECTURE_BYTES}, at its first line. */
function tooLarge(file: VFile, size: number): VFile {
  file.message(`lecture is ${kilobytes(size)}; kogi renders lectures of up to ${kilobytes(MAX_LECTURE_BYTES)}: split it into several pages`, { place: { line: 1, column: 1 }, ruleId: 'file-size', source: 'kogi' }).fatal = true
  return file
}

/**
 * Read and decode a source file. A lecture over the size limit is refused from its size alone,
 * so a 50 MB file is never read into memory.
 *
 * @param abs The file.
 * @param displayPath The path used in messages (relative to the working folder).
 * @throws What reading the file throws (deleted, unreadable).
 */
export function readSource(abs: string, displayPath: string): VFile {
  const size = fs.statSync(abs).size
  if (size > MAX_LECTURE_BYTES) return tooLarge(new VFile({ path: displayPath, value: '' }), size)
  // The file may have grown since: decodeSource checks the bytes it was given too.
  return decodeSource(fs.readFileSync(abs), displayPath)
}

/**
 * Decode a source file.
 *
 * @param bytes The file's bytes.
 * @param displayPath The path used in messages (relative to the working folder).
 * @returns A VFile holding the text, or one holding no text and a fatal message when the file is
 *   too large, not UTF-8, or UTF-16.
 */
export function decodeSource(bytes: Uint8Array, displayPath: string): VFile {
  const file = new VFile({ path: displayPath, value: '' })
  const fail = (reason: string, ruleId: string, line = 1, column = 1): VFile => {
    file.message(reason, { place: { line, column }, ruleId, source: 'kogi' }).fatal = true
    return file
  }
  if (bytes.length > MAX_LECTURE_BYTES) return tooLarge(file, bytes.length)
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return notUtf8(bytes, fail)
  }
  // Zero bytes are valid UTF-8, but a file full of them in one column of pairs is UTF-16.
  const utf16 = bytes.includes(0) ? nameEncoding(bytes) : undefined
  if (utf16) return fail(`file is not UTF-8: it looks like ${utf16.name}; re-save it as UTF-8`, 'encoding')
  file.value = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return file
}

/** The message for bytes that are not UTF-8: the encoding when it can be told, and where the first bad byte is. */
function notUtf8(bytes: Uint8Array, fail: (reason: string, ruleId: string, line?: number, column?: number) => VFile): VFile {
  const named = nameEncoding(bytes)
  if (named?.byBom) return fail(`file is not UTF-8: its byte order mark says ${named.name}; re-save it as UTF-8`, 'encoding')
  if (named && named.name.startsWith('UTF-16')) return fail(`file is not UTF-8: it looks like ${named.name}; re-save it as UTF-8`, 'encoding')
  const at = firstInvalidUtf8(bytes)
  let line = 1
  let lineStart = 0
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  const column = new TextDecoder().decode(bytes.subarray(lineStart, at)).length + 1
  const hint = named ? `it looks like ${named.name}; re-save it as UTF-8` : 're-save it as UTF-8'
  return fail(`file is not UTF-8 (first invalid byte 0x${bytes[at]!.toString(16).padStart(2, '0')}): ${hint}`, 'encoding', line, column)
}
