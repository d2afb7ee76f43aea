/**
 * `visit` and `visitParents` with the behaviour of unist-util-visit and unist-util-visit-parents
 * (same order, same results: SKIP, EXIT, an index to go on from; changes to the tree made in a
 * visitor are walked), for kogi's own plugins, which walk every page a dozen times.
 *
 * Why not the packages themselves: for every node they create a closure, name it with
 * `Object.defineProperty` (for debugging), copy the ancestor array, and `visit` looks up each
 * node's index with `indexOf`. On a typeset lecture that makes a walk 20 times slower than the
 * walk itself; in a profile of a corpus build those packages took 5.6 s of 27 s. Only the enter
 * visitor form is supported, without `reverse`.
 */
import type { Node, Parent } from 'unist'
import { convert } from 'unist-util-is'
import type { BuildVisitor, Test } from 'unist-util-visit'
import type { BuildVisitor as BuildParentsVisitor } from 'unist-util-visit-parents'
import { CONTINUE, EXIT, SKIP } from 'unist-util-visit-parents'

export { CONTINUE, EXIT, SKIP }

type Result = readonly [unknown, number?] | readonly []
type Enter = (node: Node, parents: Parent[], index: number | undefined) => unknown

const empty: Result = []

function toResult(value: unknown): Result {
  if (Array.isArray(value)) return value as unknown as Result
  if (typeof value === 'number') return [CONTINUE, value]
  return value === null || value === undefined ? empty : [value]
}

/** The walk both functions share; `parents` is one stack, pushed and popped as the walk goes. */
function walk(tree: Node, check: Test, enter: Enter): void {
  const is: ((node: Node, index: number | undefined, parent: Parent | undefined) => boolean) | undefined =
    check === undefined || check === null ? undefined : typeof check === 'string' ? (node) => node.type === check : (convert(check) as (node: Node, index?: number, parent?: Parent) => boolean)
  const parents: Parent[] = []
  const one = (node: Node, index: number | undefined): Result => {
    let result = empty
    if (!is || is(node, index, parents[parents.length - 1])) {
      result = toResult(enter(node, parents, index))
      if (result[0] === EXIT) return result
    }
    const children = (node as Partial<Parent>).children
    if (children && result[0] !== SKIP) {
      parents.push(node as Parent)
      let offset = 0
      while (offset > -1 && offset < children.length) {
        const sub = one(children[offset]!, offset)
        if (sub[0] === EXIT) {
          parents.pop()
          return sub
        }
        offset = typeof sub[1] === 'number' ? sub[1] : offset + 1
      }
      parents.pop()
    }
    return result
  }
  one(tree, undefined)
}

/**
 * Visit nodes in preorder, calling `visitor(node, index, parent)` for those passing `check`.
 * The behaviour of unist-util-visit's `visit` for an enter visitor.
 */
export function visit<Tree extends Node, Check extends Test>(tree: Tree, check: Check, visitor: BuildVisitor<Tree, Check>): undefined
export function visit<Tree extends Node>(tree: Tree, visitor: BuildVisitor<Tree>): undefined
export function visit(tree: Node, checkOrVisitor: unknown, maybeVisitor?: unknown): undefined {
  const [check, visitor] = (typeof maybeVisitor === 'function' ? [checkOrVisitor, maybeVisitor] : [undefined, checkOrVisitor]) as [Test, (node: Node, index?: number, parent?: Parent) => unknown]
  walk(tree, check, (node, parents, index) => visitor(node, index, parents[parents.length - 1]))
  return undefined
}

/**
 * Visit nodes in preorder, calling `visitor(node, ancestors)` for those passing `check`.
 * The behaviour of unist-util-visit-parents for an enter visitor; `ancestors` is a fresh array
 * the visitor may keep.
 */
export function visitParents<Tree extends Node, Check extends Test>(tree: Tree, check: Check, visitor: BuildParentsVisitor<Tree, Check>): undefined
export function visitParents<Tree extends Node>(tree: Tree, visitor: BuildParentsVisitor<Tree>): undefined
export function visitParents(tree: Node, checkOrVisitor: unknown, maybeVisitor?: unknown): undefined {
  const [check, visitor] = (typeof maybeVisitor === 'function' ? [checkOrVisitor, maybeVisitor] : [undefined, checkOrVisitor]) as [Test, (node: Node, ancestors: Parent[]) => unknown]
  walk(tree, check, (node, parents) => visitor(node, parents.slice()))
  return undefined
}
