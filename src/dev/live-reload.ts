/**
 * Live reload: a server-sent-events channel from the dev server to every open page, and the
 * small script injected into each page that listens on it. A good build reloads the page; a
 * broken one shows its problems over the page until the next good build, with a link to the
 * problems page.
 */
import type http from 'node:http'
import type { AllowedHosts } from './host-check.js'

/** Path of the event stream, under the site's base. */
export const EVENTS_PATH = '__kogi/events'

/** Path of the dev server's problems page (src/dev/problems-page.ts), under the site's base. */
export const PROBLEMS_PATH = '_kogi/problems'

/** What the dev server tells the pages. */
export type LiveEvent = { type: 'reload' } | { type: 'problems'; text: string }

/** Open event streams, and the last state for pages that connect later. */
export class LiveReload {
  private readonly clients = new Set<http.ServerResponse>()
  private last: LiveEvent | undefined

  /**
   * Answer a request for the event stream; false for any other request.
   *
   * The stream tells when drafts change, so it answers only this server's Host names and, when the
   * browser sends an Origin, only pages of the same origin; anything else gets a 403.
   *
   * @param base The site's base path.
   * @param hosts The Host names the server answers.
   */
  handle(base: string, req: http.IncomingMessage, res: http.ServerResponse, hosts: AllowedHosts): boolean {
    if ((req.url ?? '').split('?')[0] !== base + EVENTS_PATH) return false
    if (hosts.refuse(req, res, true)) return true
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' })
    res.write(': kogi\n\n')
    // A page loaded while the site is broken shows the problems at once.
    if (this.last?.type === 'problems') res.write(format(this.last))
    this.clients.add(res)
    req.on('close', () => this.clients.delete(res))
    return true
  }

  /** Tell every open page. */
  send(event: LiveEvent): void {
    this.last = event
    for (const res of this.clients) res.write(format(event))
  }

  /** End every stream (on shutdown). */
  close(): void {
    for (const res of this.clients) res.end()
    this.clients.clear()
  }
}

function format(event: LiveEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.type === 'problems' ? event.text : '')}\n\n`
}

/** The script injected before `</body>`: reload on `reload`, an overlay on `problems`. */
export function clientScript(base: string): string {
  const problems = JSON.stringify(base + PROBLEMS_PATH)
  const js = `(() => {
  const events = new EventSource(${JSON.stringify(base + EVENTS_PATH)});
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('problems', (e) => {
    if (!e.data) return;
    let box = document.getElementById('kogi-dev-error');
    if (!box) {
      box = document.createElement('pre');
      box.id = 'kogi-dev-error';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;inset:0 0 auto 0;max-height:60vh;overflow:auto;margin:0;padding:1em;z-index:2147483647;background:#fff0f0;color:#900;border-bottom:3px solid #c00;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap';
      document.body.append(box);
    }
    box.textContent = 'kogi: the last edit did not build (';
    const all = document.createElement('a');
    all.href = ${problems};
    all.textContent = 'all problems';
    box.append(all, ')\\n\\n' + JSON.parse(e.data));
  });
})();`
  // A module script waits for the page to be parsed instead of holding the parser up until the
  // stylesheets arrive, as a plain script at the end of the body would.
  return `<script type="module">${js}</script>`
}

/**
 * Add the live-reload script to a page.
 *
 * @param html A page of the site.
 * @param base The site's base path.
 * @param banner HTML to show on the page too (the dev server's problems banner).
 */
export function injectClient(html: string, base: string, banner = ''): string {
  const script = banner + clientScript(base)
  const at = html.lastIndexOf('</body>')
  return at < 0 ? html + script : html.slice(0, at) + script + html.slice(at)
}
