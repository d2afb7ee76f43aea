/**
 * Facts a page's VFile carries from stage to stage (`file.data`), declared once for type safety.
 */
import type { Matter } from './pipeline/frontmatter.js'

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
}

declare module 'vfile' {
  interface DataMap {
    /** Validated front matter. */
    matter: Matter
    /** Line of each front matter key in the source, for messages about its value. */
    matterLines: Record<string, number>
    /** This page's KaTeX macros: a fresh copy of the site's plus its own definitions. */
    macros: Record<string, string>
    /** Facts gathered while rendering. */
    facts: PageFacts
  }
}
