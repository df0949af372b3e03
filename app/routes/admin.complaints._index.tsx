import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { listComplaints } from "~/services/complaints-staff.server";
import { COMPLAINT_OUTCOME_LABELS, COMPLAINT_STATUS_LABELS, COMPLAINT_STATUSES, type ComplaintStatus } from "~/domain/complaints";
import { formatDate as formatDay } from "~/domain/format";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Complaints · Administration" }];

const FILTERS = ["open", ...COMPLAINT_STATUSES.filter((s) => s !== "unconfirmed")] as const;
const isFilter = (v: string | null): v is (typeof FILTERS)[number] => v !== null && (FILTERS as readonly string[]).includes(v);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const requested = new URL(request.url).searchParams.get("status");
  const status = isFilter(requested) ? requested : "open";
  return { status, items: await listComplaints(db, user, { status }) };
}

const due = (d: Date | string | null) => (d ? formatDay(d) : "—");

export default function ComplaintsList() {
  const { status, items } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Complaints</h1>
      <Form method="get" className="inline-form">
        <label htmlFor="status">Show</label>
        <select id="status" name="status" defaultValue={status}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {f === "open" ? "Open" : COMPLAINT_STATUS_LABELS[f as ComplaintStatus]}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </Form>
      {items.length === 0 ? (
        <p className="muted">No complaints here.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Complaints</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Status</th>
                <th scope="col">Confirmed</th>
                <th scope="col">Next deadline</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/admin/complaints/${c.id}`}>{c.organisationName}</Link>
                  </th>
                  <td>
                    {COMPLAINT_STATUS_LABELS[c.status]}
                    {c.outcome ? ` (${COMPLAINT_OUTCOME_LABELS[c.outcome]})` : ""}
                  </td>
                  <td>{due(c.confirmedAt)}</td>
                  <td>
                    {c.status === "received"
                      ? `Triage by ${due(c.triageDueAt)}`
                      : c.status === "awaiting_provider"
                        ? `Provider by ${due(c.responseDueAt)}`
                        : c.resolutionDueAt && c.status === "investigating"
                          ? `Outcome by ${due(c.resolutionDueAt)}`
                          : "—"}
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

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
