/**
 * Facts a page's VFile carries from stage to stage (`file.data`), declared once for type safety.
 */
import type { Matter } from './stages/frontmatter.js'
import type { PageEntry } from './stages/model.js'
import type { Section } from './search/extract.js'

/** An internal or external reference found on a page, with where the author wrote it. */
export interface LinkFact {
  /** The URL as the author wrote it. */
  readonly raw: string
  /** The site path it resolves to (no base, no fragment), or undefined when external. */
  readonly path?: string
  /** The fragment without `#`, if any. */
  readonly fragment?: string
  /** Element and attribute (`a[href]`, `img[src]`). */
  readonly attribute: string
  readonly line?: number
  readonly column?: number
}

/** Page facts that later stages (site pass, layout, search) read. */
export interface PageFacts {
  /** Title from front matter, else the first heading, else the file name. */
  title: string
  /** Plain-text summary for `<meta name="description">`. */
  description: string
  /** Every `id` on the page. */
  ids: string[]
  /** Every href/src found in the content. */
  links: LinkFact[]
  /** Count of typeset formulas. */
  formulas: number
  /** Table of contents (h2–h4), in page order. */
  toc?: TocEntry[]
  /** Glossary terms defined on the page. */
  terms?: TermFact[]
  /** The page's searchable sections, when the page stage made it. */
  search?: Section[]
  /** The KaTeX font files its formulas use (src/math/katex-fonts.ts), for the head to preload. */
  fonts?: string[]
}

/** One entry of a page's table of contents. */
export interface TocEntry {
  /** Heading rank, 2–4. */
  readonly depth: number
  /** Id of the heading's section. */
  readonly id: string
  /** Heading text. */
  readonly text: string
  /** Whether the section comes from a draft (shown only with --drafts). */
  readonly draft?: boolean
  /** Whether the section is a Box aside. */
  readonly box?: boolean
}

/** A glossary term defined on a page. */
export interface TermFact {
  /** The term as written (Japanese name, or the only name). */
  readonly term: string
  /** Its English name, when given beside the term or at the end of the definition. */
  readonly en?: string
  /** Id of the term's `<dt>`. */
  readonly id: string
  /** Id of the English alias anchor, if any. */
  readonly enId?: string
  /** The definition as plain text (may be empty). */
  readonly definition: string
  readonly line?: number
}

/**
 * A page of a build is one VFile from read to write. `file.value` is the source text after the
 * read stage, the parser's input after prepare (front matter and comments blanked, lines kept),
 * and is not read after render: the content HTML is in `data.content`.
 */
declare module 'vfile' {
  interface DataMap {
    /** Source path relative to the content folder (`2024ai/2024ai_lect20.md`); none for a page kogi makes. */
    rel: string
    /** The page's entry in the site model, once the model stage placed it. */
    page: PageEntry
    /** Content HTML, once rendered (or made by the site pass, for the glossary pages). */
    content: string
    /** Validated front matter. */
    matter: Matter
    /** Line of each front matter key in the source, for messages about its value. */
    matterLines: Record<string, number>
    /** This page's KaTeX macros: a fresh copy of the site's plus its own definitions. */
    macros: Record<string, string>
    /** Line ranges of comments revealed by the drafts preview. */
    drafts: { start: number; end: number }[]
    /** Facts gathered while rendering. */
    facts: PageFacts
  }
}
