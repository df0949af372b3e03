import { Link, useSearchParams } from "@remix-run/react";

/**
 * "Page 2 of 7" between a link back and a link on, for the admin lists; nothing when there is one page. Each link is
 * this address with its `page` set, keeping the filters; `drop` names the query keys of a one-off notice ("done",
 * "retried") that the other pages leave out.
 */
export function PageNav({
  page,
  pageCount,
  drop = [],
  labels = ["Previous", "Next"],
}: {
  page: number;
  pageCount: number;
  drop?: readonly string[];
  labels?: [back: string, on: string];
}) {
  const [params] = useSearchParams();
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    for (const key of drop) next.delete(key);
    next.set("page", String(p));
    return `?${next.toString()}`;
  };
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? <Link to={href(page - 1)}>{labels[0]}</Link> : null}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link to={href(page + 1)}>{labels[1]}</Link> : null}
    </nav>
  );
}

/** How many records a filtered admin list found in all its pages: "1 event", "12 events". */
export function MatchCount({ total, noun }: { total: number; noun: string }) {
  return (
    <p className="muted">
      {total} {total === 1 ? noun : `${noun}s`}
    </p>
  );
}
