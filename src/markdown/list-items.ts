/**
 * mdast → hast for list items, in time linear in the list's length.
 *
 * mdast-util-to-hast decides for each item whether its list is loose by looking at every item of
 * the list, so a list of n items costs n² (a list of 32,000 one-word items took half a minute).
 * The answer is the same for every item of a list; it is worked out once per list here and handed
 * to the default handler, whose output is otherwise unchanged.
 */
import { defaultHandlers, type Options } from 'remark-rehype'
import type { List, ListItem } from 'mdast'

type Handler = NonNullable<NonNullable<Options['handlers']>['listItem']>

const looseLists = new WeakMap<List, boolean>()

/** Whether an item is loose, as mdast-util-to-hast reads it. */
function itemLoose(item: ListItem): boolean {
  return item.spread === null || item.spread === undefined ? item.children.length > 1 : item.spread
}

/**
 * The `listItem` handler for remark-rehype: the default one, told once per list whether the list is loose.
 *
 * @param state The mdast → hast state.
 * @param node The list item.
 * @param parent Its list.
 */
export const listItem: Handler = (state, node: ListItem, parent) => {
  if (parent?.type !== 'list') return defaultHandlers.listItem(state, node, parent)
  let loose = looseLists.get(parent)
  if (loose === undefined) looseLists.set(parent, (loose = Boolean(parent.spread) || parent.children.some(itemLoose)))
  // The default handler reads nothing of the parent but whether it is loose.
  return defaultHandlers.listItem(state, node, { type: 'list', spread: loose, children: [] })
}
