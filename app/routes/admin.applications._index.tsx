import { formatDate, plural, applicationKindLabel } from "~/domain/format";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { formDataToObject } from "~/domain/forms";
import { pageLinks } from "~/domain/pagination";
import { STAFF_SORTS, staffListFilters, staffListQuery, type StaffListQuery, type StaffSort } from "~/domain/review-forms";
import { APPLICATION_STATUSES, statusLabel, type ApplicationStatus } from "~/domain/workflow";
import { StatusBadge } from "~/components/provider/status";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { listApplications } from "~/services/staff-application-list.server";
import { RouteError } from "~/components/route-error";
import { ListTable } from "~/components/ui/list-table";
import { SubmitButton, SelectFilter } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Applications · Staff · Rust Training Accreditation" }];

// Drafts last: staff rarely look for them.
const STATUS_OPTIONS: ApplicationStatus[] = [...APPLICATION_STATUSES.filter((s) => s !== "draft"), "draft"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const values = formDataToObject(new URL(request.url).searchParams);
  // A bad filter or sort falls back to its default; only a bad page number fails (see staffListQuery).
  const parsed = staffListQuery.safeParse(values);
  if (!parsed.success) {
    const firstPage = listHref({ ...staffListFilters.parse(values), page: 1 });
    const body: BadPage = { message: parsed.error.issues[0].message, firstPage };
    throw new Response(JSON.stringify(body), { status: 400, headers: { "Content-Type": "application/json; charset=utf-8" } });
  }
  return { query: parsed.data, ...(await listApplications(db, parsed.data)) };
}

type BadPage = { message: string; firstPage: string };

/** The list's URL for `query`, leaving out defaults so the links stay short. */
function listHref(query: StaffListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.organisation) params.set("organisation", query.organisation);
  if (query.overdue) params.set("overdue", "1");
  if (query.sort !== "recent") params.set("sort", query.sort);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/admin/applications?${search}` : "/admin/applications";
}


export default function StaffApplications() {
  const { query, rows, total, page, pageSize, pageCount, organisationFilter } = useLoaderData<typeof loader>();
  const filtered = query.q !== "" || query.status !== "" || query.organisation !== "" || query.overdue;
  const firstPage = listHref({ ...query, page: 1 });
  const from = (page - 1) * pageSize + 1;
  const to = from + rows.length - 1;
  return (
    <div>
      <div className="spread">
        <h1>Applications</h1>
        <p className="row small">
          <a href="/admin/export/applications" download>
            Export applications (CSV)
          </a>
          <a href="/admin/export/reviews" download>
            Export reviews (CSV)
          </a>
        </p>
      </div>
      <p className="lede">Screen new submissions, assign reviewers, follow the reviews and forward complete applications to the board.</p>
      {/* Keyed by the query: after Back or Forward the fields show the query of the list they sit above. */}
      <Form key={JSON.stringify(query)} method="get" className="filters row" role="search" aria-label="Search and filter applications">
        <div className="field">
          <label htmlFor="q">Search</label>
          <span className="hint" id="q-hint">
            Provider name, reference, certificate number or status
          </span>
          <input id="q" type="search" name="q" defaultValue={query.q} aria-describedby="q-hint" />
        </div>
        <div className="field">
          <SelectFilter id="status" name="status" label="Status" value={query.status} blank="All except drafts" choices={STATUS_OPTIONS.map((s) => [s, statusLabel(s)])} />
        </div>
        <div className="field">
          <label htmlFor="organisation">Organisation</label>
          <input type="search" id="organisation" name="organisation" defaultValue={organisationFilter} placeholder="Any organisation" aria-describedby="organisation-hint" />
          <span id="organisation-hint" className="hint">
            Part of its name
          </span>
        </div>
        <div className="field">
          <SelectFilter id="sort" name="sort" label="Sort by" value={query.sort} choices={(Object.keys(STAFF_SORTS) as StaffSort[]).map((s) => [s, STAFF_SORTS[s]])} />
        </div>
        <div className="checks">
          <label>
            <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} /> Only with overdue reviews
          </label>
        </div>
        <SubmitButton className="button small">Apply</SubmitButton>
        {filtered ? <Link to={listHref({ q: "", status: "", organisation: "", overdue: false, sort: query.sort, page: 1 })}>Clear filters</Link> : null}
      </Form>

      {rows.length > 0 ? (
        <p className="muted">
          Showing {from}–{to} of {plural(total, "application")}
        </p>
      ) : null}
      <ListTable
        caption={`Applications ${from}–${to} of ${total}`}
        rows={rows}
        empty={
          total === 0 ? (
            <>
              <strong>No applications match{query.q ? ` “${query.q}”` : ""}.</strong>
              {filtered ? "Try a shorter search or clear the filters." : "Submitted applications appear here as soon as a provider submits."}
            </>
          ) : (
            <>
              <strong>There is no page {page}.</strong>
              {plural(total, "application")} {total === 1 ? "matches" : "match"}, on {plural(pageCount, "page")}. <Link to={firstPage}>Go to the first page</Link>
            </>
          )
        }
        columns={[
          {
            header: "Organisation",
            cell: (r) => (
              <>
                <Link to={`/admin/applications/${r.id}`}>{r.organisationName}</Link>
                <span className="small muted mono"> ref {r.id.slice(0, 8)}</span>
              </>
            ),
          },
          { header: "Status", cell: (r) => <StatusBadge status={r.status} /> },
          { header: "Kind", cell: (r) => applicationKindLabel(r.kind) },
          { header: "Revision", cell: (r) => r.currentRevision },
          { header: "Submitted", cell: (r) => (r.submittedAt ? formatDate(r.submittedAt) : "—") },
          { header: "Reviewers (accepted / assigned)", cell: (r) => `${r.accepted} / ${r.assignments}` },
          { header: "Reviews in", cell: (r) => r.reviewsIn },
          {
            header: "Next due",
            cell: (r) => (
              <>
                {r.nextDue ? formatDate(r.nextDue) : "—"} {r.overdue > 0 ? <span className="badge bad">{r.overdue} overdue</span> : null}
              </>
            ),
          },
        ]}
      />
      {rows.length > 0 && pageCount > 1 ? (
        <nav className="pagination" aria-label="Pagination">
          {page > 1 ? (
            <Link to={listHref({ ...query, page: page - 1 })} rel="prev">
              Previous
            </Link>
          ) : null}
          {pageLinks(page, pageCount).map((p, i) =>
            p === "gap" ? (
              <span key={`gap-${i}`} aria-hidden="true">
                …
              </span>
            ) : (
              <Link key={p} to={listHref({ ...query, page: p })} aria-label={`Page ${p}`} aria-current={p === page ? "page" : undefined}>
                {p}
              </Link>
            ),
          )}
          {page < pageCount ? (
            <Link to={listHref({ ...query, page: page + 1 })} rel="next">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 400) {
    // Only this route's loader throws a 400, always with a BadPage body.
    const { message, firstPage } = error.data as BadPage;
    return (
      <div>
        <h1>Applications</h1>
        <p className="alert error" role="alert">
          {message}
        </p>
        <p>
          <Link to={firstPage}>Go to the first page</Link>
        </p>
      </div>
    );
  }
  return <RouteError home={{ href: "/admin", label: "Back to the staff dashboard" }} />;
}
