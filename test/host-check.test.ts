/**
 * The Host and Origin rules of the dev and preview servers, without a server: how a Host header
 * is read, which names each listening address accepts, and which origins count as the page's own.
 */
import { describe, expect, it } from 'vitest'
import { AllowedHosts, parseAuthority } from '../src/dev/host-check.js'

describe('parseAuthority', () => {
  it('reads a name and a port the one way the URL standard writes them', () => {
    expect(parseAuthority('LocalHost.:4000')).toEqual({ name: 'localhost', port: 4000 })
    expect(parseAuthority('[0:0:0:0:0:0:0:1]:80')).toEqual({ name: '::1', port: 80 })
    expect(parseAuthority('0x7f.1')).toEqual({ name: '127.0.0.1', port: undefined })
    expect(parseAuthority('devbox.lan')).toEqual({ name: 'devbox.lan', port: undefined })
  })

  it.each(['', 'localhost:', 'localhost:99999', 'user@localhost', 'localhost/x', 'local host', '[::1', '::1', 'localhost:4000:1', '[evil.example]'])('refuses %j', (text) => {
    expect(parseAuthority(text)).toBeUndefined()
  })
})

describe('AllowedHosts', () => {
  it('accepts the loopback names and the address listened on, nothing else', () => {
    const hosts = new AllowedHosts('127.0.0.2')
    expect(['localhost:4000', '127.0.0.1', '[::1]:4000', '127.0.0.2:4000', '127.0.0.2.'].map((h) => hosts.host(h))).toEqual([true, true, true, true, true])
    expect(['evil.example', 'localhost.evil.example:4000', '127.0.0.3', 'localhost..', undefined].map((h) => hosts.host(h))).toEqual([false, false, false, false, false])
    expect(hosts.describe()).toBe('localhost, 127.0.0.1, [::1], 127.0.0.2')
  })

  it('accepts a name given to --host, in any case and with a trailing dot', () => {
    const hosts = new AllowedHosts('devbox.lan')
    expect([hosts.host('DEVBOX.LAN.:4000'), hosts.host('devbox.lan.evil.example')]).toEqual([true, false])
  })

  it('accepts an IPv6 address given to --host, with or without its brackets', () => {
    for (const given of ['fd00::2', '[fd00::2]']) expect([new AllowedHosts(given).host('[FD00:0::2]:4000'), new AllowedHosts(given).host('[fd00::3]:4000')]).toEqual([true, false])
  })

  it('takes as its own origin only http:// with the same name and port as Host', () => {
    const hosts = new AllowedHosts('127.0.0.1')
    expect(hosts.origin('http://localhost:4000', 'localhost:4000')).toBe(true)
    expect(hosts.origin('http://LOCALHOST.:4000', 'localhost:4000')).toBe(true)
    expect(hosts.origin('http://localhost', 'localhost:80')).toBe(true)
    expect(hosts.origin('http://127.0.0.1:4000', 'localhost:4000')).toBe(false)
    expect(hosts.origin('http://localhost:4001', 'localhost:4000')).toBe(false)
    expect(hosts.origin('https://localhost:4000', 'localhost:4000')).toBe(false)
    expect(hosts.origin('http://evil.example:4000', 'evil.example:4000')).toBe(false)
    expect(hosts.origin('http://localhost:4000/x', 'localhost:4000')).toBe(false)
    expect(hosts.origin('null', 'localhost:4000')).toBe(false)
  })
})
