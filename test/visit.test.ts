/**
 * kogi's `visit`/`visitParents` (src/markdown/visit.ts) behave exactly like unist-util-visit and
 * unist-util-visit-parents: on random trees, with visitors that skip, exit, jump to an index or
 * remove the node they are on, both walk the same nodes with the same index, parent and
 * ancestors, and leave the same tree.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Node, Parent } from 'unist'
import * as theirs from 'unist-util-visit'
import * as theirParents from 'unist-util-visit-parents'
import { visit, visitParents, SKIP, EXIT } from '../src/markdown/visit.js'

interface TestNode extends Node {
  id: number
  children?: TestNode[]
}

const types = ['a', 'b', 'c'] as const
const { tree: treeArb } = fc.letrec<{ tree: TestNode }>((tie) => ({
  tree: fc.record({ type: fc.constantFrom(...types), children: fc.option(fc.array(tie('tree'), { maxLength: 4 }), { nil: undefined, freq: 2 }) }, { requiredKeys: ['type'] }) as fc.Arbitrary<TestNode>,
}))

/** Number the nodes so the traces and the finished trees can be compared. */
function numbered(tree: TestNode): TestNode {
  let n = 0
  const copy = (node: TestNode): TestNode => ({ type: node.type, id: n++, ...(node.children ? { children: node.children.map(copy) } : {}) })
  return copy(tree)
}

type Action = 'none' | 'skip' | 'exit' | 'again-next' | 'remove'
const actions: Action[] = ['none', 'none', 'none', 'skip', 'exit', 'again-next', 'remove']

/** A visitor that records what it sees and does what `plan` says for each node id. */
function visitor(plan: (id: number) => Action, trace: unknown[]) {
  return (node: TestNode, index: number | undefined, parent: Parent | undefined) => {
    trace.push([node.id, index, (parent as TestNode | undefined)?.id])
    const action = plan(node.id)
    if (action === 'skip') return SKIP
    if (action === 'exit') return EXIT
    if (action === 'again-next' && index !== undefined) return index + 1
    if (action === 'remove' && parent && index !== undefined) {
      parent.children.splice(index, 1)
      return index
    }
    return undefined
  }
}

const cases = fc.record({ tree: treeArb, seed: fc.integer({ min: 0, max: 1 << 30 }), check: fc.constantFrom(undefined, 'a', 'b') })
const planOf = (seed: number) => (id: number) => actions[(seed * 31 + id * 17) % actions.length]!

describe('visit', () => {
  it('walks like unist-util-visit', () => {
    fc.assert(
      fc.property(cases, ({ tree, seed, check }) => {
        const mine = numbered(tree)
        const reference = numbered(tree)
        const traceMine: unknown[] = []
        const traceTheirs: unknown[] = []
        if (check) {
          visit(mine, check, visitor(planOf(seed), traceMine) as never)
          theirs.visit(reference, check, visitor(planOf(seed), traceTheirs) as never)
        } else {
          visit(mine, visitor(planOf(seed), traceMine) as never)
          theirs.visit(reference, visitor(planOf(seed), traceTheirs) as never)
        }
        expect(traceMine).toEqual(traceTheirs)
        expect(mine).toEqual(reference)
      }),
      { numRuns: 500, seed: 20241025 },
    )
  })
})

describe('visitParents', () => {
  it('walks like unist-util-visit-parents, with ancestors the visitor may keep', () => {
    fc.assert(
      fc.property(cases, ({ tree, seed, check }) => {
        const kept: [string, unknown[]][] = []
        const run = (impl: typeof visitParents, root: TestNode, label: string) => {
          const trace: unknown[] = []
          impl(root, check ?? (() => true), ((node: TestNode, ancestors: TestNode[]) => {
            kept.push([label, ancestors])
            trace.push([node.id, ancestors.map((a) => a.id)])
            const action = planOf(seed)(node.id)
            return action === 'skip' ? SKIP : action === 'exit' ? EXIT : undefined
          }) as never)
          return trace
        }
        expect(run(visitParents, numbered(tree), 'mine')).toEqual(run(theirParents.visitParents as typeof visitParents, numbered(tree), 'theirs'))
        // Kept ancestor arrays still hold what they held when given.
        const mine = kept.filter(([l]) => l === 'mine').map(([, a]) => (a as TestNode[]).map((x) => x.id))
        const ref = kept.filter(([l]) => l === 'theirs').map(([, a]) => (a as TestNode[]).map((x) => x.id))
        expect(mine).toEqual(ref)
      }),
      { numRuns: 500, seed: 20241025 },
    )
  })
})
