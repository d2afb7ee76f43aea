/**
 * A GET over real HTTP for the dev server tests: status and body as text.
 */
import http from 'node:http'

/** Fetch a URL; resolves with its status and body. */
export function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    }).on('error', reject)
  })
}
