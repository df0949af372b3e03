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
