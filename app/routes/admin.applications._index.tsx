import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { formDataToObject } from "~/domain/forms";
import { STAFF_SORTS, staffListQuery, type StaffSort } from "~/domain/review-forms";
import { statusLabel, type ApplicationStatus } from "~/domain/workflow";
import { StatusBadge, formatDay } from "~/components/review/status-badge";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { listApplications } from "~/services/staff-applications.server";

export const meta: MetaFunction = () => [{ title: "Applications · Staff · Rust Training Accreditation" }];

const STATUS_OPTIONS: ApplicationStatus[] = ["submitted", "under_review", "changes_requested", "awaiting_decision", "accredited", "rejected", "withdrawn", "draft"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  // A bad query string falls back to the defaults: a filter page should never fail.
  const query = staffListQuery.parse(formDataToObject(new URL(request.url).searchParams));
  const { rows, organisations } = await listApplications(db, query);
  return { query, rows, organisations };
}

export default function StaffApplications() {
  const { query, rows, organisations } = useLoaderData<typeof loader>();
  const filtered = query.status !== "" || query.organisation !== "" || query.overdue;
  return (
    <div>
      <h1>Applications</h1>
      <p className="lede">Screen new submissions, assign reviewers, follow the reviews and forward complete applications to the board.</p>
      <Form method="get" className="filters row" aria-label="Filter applications">
        <div className="field">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={query.status}>
            <option value="">All except drafts</option>
            {STATUS_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="organisation">Organisation</label>
          <select id="organisation" name="organisation" defaultValue={query.organisation}>
            <option value="">All organisations</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={query.sort}>
            {(Object.keys(STAFF_SORTS) as StaffSort[]).map((s) => (
              <option key={s} value={s}>
                {STAFF_SORTS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="checks">
          <label>
            <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} /> Only with overdue reviews
          </label>
        </div>
        <button type="submit" className="button small">
          Apply
        </button>
        {filtered ? <Link to="/admin/applications">Clear filters</Link> : null}
      </Form>

      {rows.length === 0 ? (
        <p className="empty-state">
          <strong>No applications match.</strong>
          {filtered ? "Try clearing the filters." : "Submitted applications appear here as soon as a provider submits."}
        </p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Applications ({rows.length})</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Status</th>
                <th scope="col">Kind</th>
                <th scope="col">Revision</th>
                <th scope="col">Submitted</th>
                <th scope="col">Reviewers (accepted / assigned)</th>
                <th scope="col">Reviews in</th>
                <th scope="col">Next due</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/admin/applications/${r.id}`}>{r.organisationName}</Link>
                  </th>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>{r.kind === "renewal" ? "Renewal" : "Initial"}</td>
                  <td>{r.currentRevision}</td>
                  <td>{r.submittedAt ? formatDay(r.submittedAt) : "—"}</td>
                  <td>
                    {r.accepted} / {r.assignments}
                  </td>
                  <td>{r.reviewsIn}</td>
                  <td>
                    {r.nextDue ? formatDay(r.nextDue) : "—"} {r.overdue > 0 ? <span className="badge bad">{r.overdue} overdue</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
