/**
 * Moving an item one place among its siblings (a framework's nodes, a rubric's criteria, a course's modules): the
 * list with `id` swapped with its neighbour above or below, or null when there is none there (the first moving up,
 * the last moving down) or `id` is not in the list. The caller renumbers the list from 0, so gaps or ties left by
 * earlier edits go too.
 */
export function swapWithNeighbour<T extends { id: string }>(siblings: readonly T[], id: string, direction: "up" | "down"): T[] | null {
  const index = siblings.findIndex((s) => s.id === id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= siblings.length) return null;
  const moved = [...siblings];
  [moved[index], moved[other]] = [moved[other], moved[index]];
  return moved;
}
