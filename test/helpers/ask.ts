/**
 * A request to a local server with the Host and Origin a test chooses, as a browser that was
 * tricked by DNS rebinding (or a proper one) would send them.
 */
import http from 'node:http'

/** What came back: status, content type, and the body (only its first chunk for an event stream). */
export interface Answer {
  status: number
  type: string
  body: string
}

/**
 * Ask a server on 127.0.0.1 for a path with the given headers.
 *
 * @param port The server's port; the connection always goes to 127.0.0.1.
 * @param target The request path.
 * @param headers Header values, `host` and `origin` included, sent exactly as given.
 */
export function ask(port: number, target: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, headers, agent: false }, (res) => {
      const type = String(res.headers['content-type'] ?? '')
      let body = ''
      const done = () => resolve({ status: res.statusCode ?? 0, type, body })
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk
        // An event stream never ends: its first chunk shows that it was opened.
        if (type.startsWith('text/event-stream')) {
          req.destroy()
          done()
        }
      })
      res.on('end', done).on('error', () => undefined)
    })
    req.on('error', reject)
    req.end()
  })
}
