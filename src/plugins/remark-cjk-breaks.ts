/**
 * remark plugin: drop the line break between two Japanese characters inside a paragraph.
 *
 * Authors wrap long Japanese sentences in the source; HTML turns each of those newlines into a
 * space, which Chromium draws as a visible gap in the middle of a sentence (CSS Text 4's
 * segment-break rules would remove it, but no browser implements them). Between Latin words,
 * or between a Japanese character and a Latin word or formula, the space is kept.
 * (remark-join-cjk-lines did this once, but it targets unified 9 and is unmaintained.)
 */
import type { Root, Parent, Text } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { visit } from '../markdown/visit.js'

/** Options for {@link remarkCjkBreaks}. */
export interface Options {
  /**
   * Characters between which a line break is dropped; default: kanji, kana, the prolonged
   * sound mark, CJK punctuation and full-width forms.
   */
  readonly pattern?: RegExp
}

const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\u30fc\uff01-\uff60\uffe0-\uffe6]/u

/**
 * Join lines of Japanese text.
 *
 * @param options Which characters count as Japanese.
 */
export default function remarkCjkBreaks(options: Readonly<Options> = {}) {
  const cjk = options.pattern ?? CJK
  const isCjk = (ch: string | undefined): boolean => ch !== undefined && cjk.test(ch)
  return function transform(tree: Root): void {
    visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
      if (!node.value.includes('\n')) return
      // A break at the edge of this text node sits next to a sibling (`**強調**\n次`).
      const before = index !== undefined && index > 0 && parent ? toString(parent.children[index - 1]).slice(-1) : undefined
      const after = index !== undefined && parent && index + 1 < parent.children.length ? toString(parent.children[index + 1]).slice(0, 1) : undefined
      node.value = node.value.replace(/[ \t]*\n[ \t]*/g, (match, offset: number, whole: string) => {
        const prev = offset > 0 ? whole[offset - 1] : before
        const end = offset + match.length
        const next = end < whole.length ? whole[end] : after
        return isCjk(prev) && isCjk(next) ? '' : match
      })
    })
  }
}
