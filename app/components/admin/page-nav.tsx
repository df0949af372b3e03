import { Link } from "@remix-run/react";

/** "Page 2 of 7" between a link back and a link on, for the admin lists; nothing when there is one page. */
export function PageNav({
  page,
  pageCount,
  href,
  labels = ["Previous", "Next"],
}: {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  labels?: [back: string, on: string];
}) {
  if (pageCount <= 1) return null;
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
