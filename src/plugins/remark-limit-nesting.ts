/**
 * remark plugin: flatten lists and block quotes nested deeper than any lecture needs.
 *
 * micromark parses a 1,000-deep list happily, but the tree walkers after it (mdast → hast,
 * serialisation) recurse once per level and run out of stack. Rather than lose the page, the
 * blocks below the limit are lifted to the limit's level, keeping their text and order, and
 * the author is told where.
 */
import type { Root, Nodes, Parent } from 'mdast'
import type { VFile } from 'vfile'

/** Options for {@link remarkLimitNesting}. */
export interface Options {
  /** Deepest nesting of lists, list items and block quotes kept as is; default 160 (a list level counts twice: list and item), above what the source guard lets through. */
  readonly max?: number
}

const CONTAINERS = new Set(['list', 'listItem', 'blockquote', 'footnoteDefinition'])

function isParent(node: Nodes): node is Nodes & Parent {
  return 'children' in node && Array.isArray(node.children)
}

/** The non-container blocks below a node, in document order, found without recursion. */
function leafBlocks(node: Parent): Nodes[] {
  const out: Nodes[] = []
  const stack: Nodes[] = [...(node.children as Nodes[])].reverse()
  while (stack.length) {
    const next = stack.pop()!
    if (CONTAINERS.has(next.type) && isParent(next)) for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i] as Nodes)
    else out.push(next)
  }
  return out
}

/**
 * Flatten containers nested deeper than `max`.
 *
 * @param options The depth limit.
 */
export default function remarkLimitNesting(options: Readonly<Options> = {}) {
  const max = options.max ?? 160
  return function transform(tree: Root, file: VFile): void {
    const stack: { node: Nodes; depth: number }[] = [{ node: tree, depth: 0 }]
    let warned = false
    while (stack.length) {
      const { node, depth } = stack.pop()!
      if (!isParent(node)) continue
      const here = CONTAINERS.has(node.type) ? depth + 1 : depth
      if (here >= max && node.children.some((c) => CONTAINERS.has(c.type))) {
        if (!warned) {
          file.message(`lists or block quotes are nested more than ${max} levels deep; the deeper levels are shown flattened`, {
            place: node.position,
            ruleId: 'nesting',
            source: 'kogi',
          })
          warned = true
        }
        node.children = leafBlocks(node) as typeof node.children
      }
      for (const child of node.children as Nodes[]) stack.push({ node: child, depth: here })
    }
  }
}
