/**
 * Writing into the served dev site in place: through a temporary file and a rename, so that a
 * request never reads half of a page or index file.
 */
import fs from 'node:fs'
import path from 'node:path'

/**
 * Write one file of the served site.
 *
 * @param outDir The served site folder.
 * @param rel Path of the file in the site.
 */
export function writeServed(outDir: string, rel: string, data: string | Buffer): void {
  const abs = path.join(outDir, rel)
  fs.mkdirSync(path.dirname(abs), { recursive: true })
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.tmp`)
  fs.writeFileSync(tmp, data)
  fs.renameSync(tmp, abs)
}
