/**
 * Which characters KaTeX's fonts can draw, read from the character map of the font file
 * KaTeX ships (the same fonts the site serves, src/site/theme.ts).
 *
 * KaTeX sets a character it has no symbol for (`unknownSymbol`, reported through its `strict`
 * option) as text in KaTeX_Main. Many such characters are in that font all the same (`’`, `′`, a
 * no-break space); the rest the browser draws in some other font, which is worth a warning.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'

/** The font KaTeX sets characters without a symbol in. */
const MAIN_FONT = 'katex/dist/fonts/KaTeX_Main-Regular.ttf'

/** Whether a format 4 (Basic Multilingual Plane) character map gives the code point a glyph. */
function inFormat4(font: Buffer, at: number, code: number): boolean {
  const segments = font.readUInt16BE(at + 6) / 2
  const ends = at + 14
  const starts = ends + segments * 2 + 2
  const deltas = starts + segments * 2
  const offsets = deltas + segments * 2
  for (let i = 0; i < segments; i++) {
    if (font.readUInt16BE(ends + i * 2) < code) continue
    const start = font.readUInt16BE(starts + i * 2)
    if (start > code) return false
    const offset = font.readUInt16BE(offsets + i * 2)
    const glyph = offset === 0 ? code + font.readUInt16BE(deltas + i * 2) : font.readUInt16BE(offsets + i * 2 + offset + (code - start) * 2)
    return (glyph & 0xffff) !== 0
  }
  return false
}

/** Whether a format 12 (all planes) character map gives the code point a glyph. */
function inFormat12(font: Buffer, at: number, code: number): boolean {
  const groups = font.readUInt32BE(at + 12)
  for (let i = 0; i < groups; i++) {
    const group = at + 16 + i * 12
    if (code >= font.readUInt32BE(group) && code <= font.readUInt32BE(group + 4)) return true
  }
  return false
}

/**
 * The characters among `chars` that KaTeX's main font has no glyph for.
 *
 * @param chars Characters, one code point each.
 */
export function missingGlyphs(chars: Iterable<string>): string[] {
  const font = fs.readFileSync(createRequire(import.meta.url).resolve(MAIN_FONT))
  const tables = font.readUInt16BE(4)
  let cmap = -1
  for (let i = 0; i < tables; i++) if (font.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = font.readUInt32BE(20 + i * 16)
  // The Unicode subtables: format 12 covers every plane, format 4 the first.
  const maps: { format: number; at: number }[] = []
  for (let i = 0; cmap >= 0 && i < font.readUInt16BE(cmap + 2); i++) {
    const record = cmap + 4 + i * 8
    const platform = font.readUInt16BE(record)
    const encoding = font.readUInt16BE(record + 2)
    if (platform !== 0 && !(platform === 3 && (encoding === 1 || encoding === 10))) continue
    const at = cmap + font.readUInt32BE(record + 4)
    const format = font.readUInt16BE(at)
    if (format === 4 || format === 12) maps.push({ format, at })
  }
  return [...chars].filter((c) => {
    const code = c.codePointAt(0)!
    return !maps.some(({ format, at }) => (format === 12 ? inFormat12(font, at, code) : code <= 0xffff && inFormat4(font, at, code)))
  })
}
