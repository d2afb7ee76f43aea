/**
 * Cache files that can be trusted: a value serialized with v8, prefixed by the SHA-256 of the
 * payload and stored under its key. A truncated, corrupt or foreign file reads as absent, and a
 * write goes through a temporary file and a rename, so a crash never leaves half a file.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import v8 from 'node:v8'

/** The value stored in `file` under `key`, or undefined when absent, damaged or another key's. */
export function readChecked<T>(file: string, key: string): T | undefined {
  let buffer: Buffer
  try {
    buffer = fs.readFileSync(file)
  } catch {
    return undefined
  }
  try {
    const payload = buffer.subarray(32)
    if (buffer.length < 33 || !crypto.createHash('sha256').update(payload).digest().equals(buffer.subarray(0, 32))) return undefined
    const entry = v8.deserialize(payload) as { key?: unknown; value?: T }
    return entry.key === key ? entry.value : undefined
  } catch {
    return undefined
  }
}

/** Store `value` under `key` in `file`; a cache that cannot be written only costs time later. */
export function writeChecked(file: string, key: string, value: unknown): void {
  try {
    const payload = v8.serialize({ key, value })
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`)
    fs.writeFileSync(tmp, Buffer.concat([crypto.createHash('sha256').update(payload).digest(), payload]))
    fs.renameSync(tmp, file)
  } catch {
    // Disk full or read-only: the next build does the work again.
  }
}
