/**
 * Which Host names the dev and preview servers answer: the guard against DNS rebinding.
 *
 * A page on the web can point a name it owns at 127.0.0.1 and then read the local server as if
 * it were its own site (the instructor's drafts included); the browser still sends that name in
 * Host. So the servers answer only for the loopback names, the address they were told to listen
 * on (`--host`) and, listening on every interface (`0.0.0.0`, `::`), this machine's own addresses
 * and host name. The port is not compared: a rebinding page chooses only the name, and forwarded
 * ports (`ssh -L`, `docker -p`) arrive with another one.
 */
import type http from 'node:http'
import os from 'node:os'

/** Names every server answers for, whatever address it listens on. */
const LOOPBACK = ['localhost', '127.0.0.1', '::1']

/** `name[:port]` or `[v6]:port`, nothing else (no user, path or spaces). */
const AUTHORITY = /^(\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::(\d{1,5}))?$/i

/**
 * Split a Host header or an origin's authority into a comparable name and a port.
 *
 * The name is lower-cased without a trailing dot or IPv6 brackets, and IP addresses are written
 * the one way the URL standard writes them (`127.1` and `0x7f.0.0.1` are `127.0.0.1`).
 *
 * @param text The authority as received, e.g. `LocalHost.:4000` or `[::1]:4000`.
 * @returns Undefined when it is not a plain host with an optional port.
 */
export function parseAuthority(text: string): { name: string; port: number | undefined } | undefined {
  const match = AUTHORITY.exec(text)
  if (!match) return undefined
  let name: string
  try {
    name = new URL(`http://${match[1]}/`).hostname
  } catch {
    return undefined
  }
  const port = match[2] === undefined ? undefined : Number(match[2])
  if (port !== undefined && port > 65535) return undefined
  return { name: plainName(name), port }
}

function plainName(name: string): string {
  return name.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase()
}

/** An address or name as a server is told to listen on it, in the form {@link parseAuthority} gives. */
function listenName(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1')
  return parseAuthority(bare.includes(':') ? `[${bare}]` : bare)?.name ?? plainName(bare)
}

/** This machine's interface addresses and host name, read at each use: Wi-Fi comes and goes. */
function machineNames(): string[] {
  let addresses: string[] = []
  try {
    addresses = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((a) => listenName(a.address.replace(/%.*$/, ''))))
  } catch {
    // Some sandboxes cannot list interfaces; the loopback names still work.
  }
  return [...addresses, plainName(os.hostname())]
}

/** The Host names one server answers for. */
export class AllowedHosts {
  private readonly names: Set<string>
  private readonly given: string
  private readonly everyInterface: boolean

  /**
   * @param listenHost The address or name the server listens on (`--host`).
   */
  constructor(listenHost: string) {
    this.given = listenName(listenHost)
    this.everyInterface = this.given === '0.0.0.0' || this.given === '::' || this.given === ''
    this.names = new Set([...LOOPBACK, this.given].filter(Boolean))
  }

  /**
   * Whether a Host header names this server.
   *
   * @param header The Host header; a request without one is refused.
   */
  host(header: string | undefined): boolean {
    const name = header === undefined ? undefined : parseAuthority(header)?.name
    if (name === undefined) return false
    return this.names.has(name) || (this.everyInterface && machineNames().includes(name))
  }

  /**
   * Whether an Origin header is the origin of the page asking: `http://` and the same name and
   * port as the Host header, which itself names this server.
   *
   * @param origin The Origin header (`null` from a sandboxed page or a file is refused).
   * @param header The request's Host header.
   */
  origin(origin: string, header: string | undefined): boolean {
    if (!origin.startsWith('http://') || header === undefined || !this.host(header)) return false
    const from = parseAuthority(origin.slice('http://'.length))
    const to = parseAuthority(header)
    return from !== undefined && to !== undefined && from.name === to.name && (from.port ?? 80) === (to.port ?? 80)
  }

  /** The names accepted, for the refusal; this machine's addresses are not listed to a stranger. */
  describe(): string {
    const names = [...this.names].map((n) => (n.includes(':') ? `[${n}]` : n))
    return names.join(', ') + (this.everyInterface ? ", and this machine's own addresses and host name" : '')
  }

  /**
   * Refuse a request whose Host (and, when asked, whose Origin if it has one) is not this server's:
   * 403 with a short plain-text reason and nothing of the site.
   *
   * @param req The request.
   * @param res Its response, ended when refused.
   * @param checkOrigin Also check Origin (the live-reload channel).
   * @returns True when the request was refused and answered.
   */
  refuse(req: http.IncomingMessage, res: http.ServerResponse, checkOrigin = false): boolean {
    const host = req.headers.host
    let reason: string | undefined
    if (!this.host(host)) reason = `kogi serves only the host names ${this.describe()}; this request was for ${JSON.stringify(host ?? '')}.`
    else if (checkOrigin && req.headers.origin !== undefined && !this.origin(req.headers.origin, host)) {
      reason = `kogi's live-reload channel answers only pages of http://${host}; this request came from ${JSON.stringify(req.headers.origin)}.`
    }
    if (reason === undefined) return false
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(reason + '\n')
    return true
  }
}
