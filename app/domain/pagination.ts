/** Page links for a paged list: which page numbers to show, and where to elide. */

export type PageLink = number | "gap";

/**
 * A compact run of page numbers: the first and the last page, the current page with `around` pages on either
 * side, and a gap where pages are left out. A gap never stands for a single page: that page is shown instead,
 * since the number takes no more room than the ellipsis.
 */
export function pageLinks(current: number, last: number, around = 1): PageLink[] {
  if (last < 1) return [];
  const shown = new Set([1, last]);
  for (let p = current - around; p <= current + around; p++) if (p >= 1 && p <= last) shown.add(p);
  const out: PageLink[] = [];
  let previous = 0;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - previous === 2) out.push(previous + 1);
    else if (p - previous > 2) out.push("gap");
    out.push(p);
    previous = p;
  }
  return out;
}

/**
 * The first `count` of the items 0 … n-1 in the order `before` (a strict total order), in that order: a heap of
 * the best `count` seen so far, whose root is the last of them. O(n log count) instead of sorting all n.
 */
export function firstInOrder(n: number, count: number, before: (a: number, b: number) => boolean): number[] {
  const heap: number[] = [];
  const size = Math.min(count, n);
  const down = (at: number) => {
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) return;
      const child = left + 1 < heap.length && before(heap[left], heap[left + 1]) ? left + 1 : left;
      if (!before(heap[at], heap[child])) return;
      [heap[at], heap[child]] = [heap[child], heap[at]];
      at = child;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < size) {
      // Up from the new leaf while it comes after its parent.
      let at = heap.push(i) - 1;
      while (at > 0 && before(heap[(at - 1) >> 1], heap[at])) {
        const parent = (at - 1) >> 1;
        [heap[at], heap[parent]] = [heap[parent], heap[at]];
        at = parent;
      }
    } else if (size > 0 && before(i, heap[0])) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1));
}
