/**
 * The dev server's problems page (`<base>_kogi/problems`): every warning and error of the site as
 * last built, grouped by lecture, each linking to its section on the page and opening its line in
 * the editor (`vscode://file/…:line:col`); and the banner a page with problems shows, linking
 * there. Only the dev server serves them; no built site holds them.
 */
import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import { h } from 'hastscript'
import { toHtml } from 'hast-util-to-html'
import type { Element } from 'hast'
import { urlOf } from '../stages/model.js'
import { isInside } from '../stages/discover.js'
import { headingAnchors, nearestAnchor } from './anchors.js'
import type { FileProblems, Problem, ProblemSet } from './problems.js'
import { PROBLEMS_PATH, injectClient } from './live-reload.js'

/** Where the served site is and what it is made from. */
export interface ProblemsContext {
  /** The site's base path. */
  readonly base: string
  readonly contentDir: string
  /** The served site folder. */
  readonly outDir: string
}

/**
 * The served page a file is the source of (with the base), or undefined when none is served.
 *
 * @param file A built file.
 * @param context The served site.
 */
export function pageOf(file: FileProblems['file'], context: ProblemsContext): string | undefined {
  const abs = path.resolve(file.cwd, file.path)
  if (!/\.(md|markdown)$/i.test(abs) || !isInside(abs, context.contentDir)) return undefined
  const { url, outFile } = urlOf(path.relative(context.contentDir, abs).split(path.sep).join('/'))
  return fs.existsSync(path.join(context.outDir, outFile)) ? context.base + url.slice(1) : undefined
}

/**
 * The link that opens a problem's line in the editor.
 *
 * @param problem The problem.
 * @param cwd The folder its path is relative to.
 */
export function editorLink(problem: Problem, cwd: string): string {
  return `vscode://file${encodeURI(path.resolve(cwd, problem.path))}:${problem.line}:${problem.column}`
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function section(group: FileProblems, context: ProblemsContext): Element {
  const { file, problems } = group
  const page = pageOf(file, context)
  const anchors = page ? headingAnchors(file) : []
  const title = file.data.facts?.title
  const heading = page ? [h('a', { href: page }, title || file.path), ' ', h('code', file.path)] : [h('code', file.path)]
  return h('section', { id: file.path }, [
    h('h2', heading),
    h(
      'ol',
      problems.map((p) => {
        const id = p.path === file.path ? nearestAnchor(anchors, p.line) : undefined
        const place = `${p.path}:${p.line}:${p.column}`
        return h('li', { className: [p.severity] }, [
          page ? h('a', { href: id ? `${page}#${id}` : page }, place) : place,
          ` ${p.severity} ${p.reason}`,
          p.rule ? [' ', h('span', { className: ['rule'] }, p.rule)] : [],
          ' ',
          h('a', { href: editorLink(p, file.cwd), className: ['edit'] }, 'open in editor'),
        ])
      }),
    ),
  ])
}

const STYLE = `body{font:15px/1.6 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em}
li.error{color:#900}li{margin:.3em 0}.rule{color:#666;font-size:.9em}.edit{font-size:.9em;margin-left:.5em}`

/**
 * The problems page.
 *
 * @param problems The site's problems as last built.
 * @param context The served site.
 */
export function problemsPage(problems: ProblemSet, context: ProblemsContext): string {
  const groups = problems.files()
  const count = groups.reduce((n, g) => n + g.problems.length, 0)
  const summary = count === 0 ? 'kogi: no problems' : `kogi: ${plural(count, 'problem')} in ${plural(groups.length, 'file')}`
  const body = h('body', [h('h1', summary), ...groups.map((g) => section(g, context))])
  const head = h('head', [h('meta', { charset: 'utf-8' }), h('title', summary), h('style', STYLE)])
  return '<!doctype html>\n' + toHtml(h('html', { lang: 'en' }, [head, body])) + '\n'
}

/**
 * The banner of a served page with problems, linking to them on the problems page; undefined
 * for a page without problems.
 *
 * @param problems The site's problems as last built.
 * @param pathname The path the page was asked for (with the base).
 * @param context The served site.
 */
export function problemsBanner(problems: ProblemSet, pathname: string, context: ProblemsContext): string | undefined {
  let wanted: string
  try {
    wanted = decodeURIComponent(pathname).replace(/index\.html$/, '')
  } catch {
    return undefined
  }
  const group = problems.files().find((g) => pageOf(g.file, context) === wanted)
  if (!group) return undefined
  const style = 'position:fixed;inset:auto 0 0 auto;margin:.5em;padding:.3em .8em;z-index:2147483646;background:#fff8e0;border:1px solid #c90;border-radius:4px;font:13px/1.5 system-ui,sans-serif'
  const link = h('a', { href: `${context.base}${PROBLEMS_PATH}#${group.file.path}` }, `kogi: ${plural(group.problems.length, 'problem')} on this page`)
  return toHtml(h('aside', { id: 'kogi-dev-problems', role: 'status', style }, [link]))
}

/**
 * Answer a request for the problems page (with the live-reload script, so it follows each
 * rebuild); false for any other request.
 *
 * @param req The request, its Host already accepted.
 * @param res Its response.
 * @param problems The site's problems as last built.
 * @param context The served site.
 */
export function answerProblemsPage(req: http.IncomingMessage, res: http.ServerResponse, problems: ProblemSet, context: ProblemsContext): boolean {
  if ((req.url ?? '').split('?')[0] !== context.base + PROBLEMS_PATH) return false
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return true
  }
  const html = injectClient(problemsPage(problems, context), context.base)
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : html)
  return true
}
