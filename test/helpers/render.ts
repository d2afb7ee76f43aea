/**
 * Render one markdown string through the page pipeline, as a build would for
 * `content/course/page.md`, for fixture and message tests.
 */
import { VFile } from 'vfile'
import { resolveConfig, type Config } from '../../src/config.js'
import { readFrontMatter } from '../../src/stages/frontmatter.js'
import { prepare } from '../../src/stages/prepare.js'
import { renderPage } from '../../src/formats/lecture.js'
import { urlOf, type PageEntry } from '../../src/stages/model.js'

/** Resolve links to `.md` sources as a site holding them would. */
const sourceLinks = (sitePath: string): string | undefined => (/\.md$/.test(sitePath) ? urlOf(sitePath.slice(1)).url : undefined)

/** Render markdown; returns the content HTML and the file with its messages. */
export async function renderMarkdown(markdown: string, options: { path?: string; config?: Partial<Config>; resolvePage?: (p: string) => string | undefined } = {}): Promise<{ html: string; file: VFile }> {
  const rel = options.path ?? 'course/page.md'
  const file = new VFile({ path: `content/${rel}`, value: markdown })
  const matter = readFrontMatter(file)
  prepare(file)
  const page: PageEntry = { rel, ...urlOf(rel), kind: 'lecture', course: rel.split('/')[0]!, matter }
  const html = await renderPage(file, { config: resolveConfig({}, 'test', options.config ?? {}), page, resolvePage: options.resolvePage ?? sourceLinks })
  return { html, file }
}
