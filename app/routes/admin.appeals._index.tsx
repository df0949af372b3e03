import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { listAppeals } from "~/services/appeals-panel.server";
import { APPEAL_KIND_LABELS, APPEAL_STATUS_LABELS, APPEAL_STATUSES } from "~/domain/appeals";
import { formatDate } from "~/domain/format";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Appeals · Administration" }];

const FILTERS = ["open", "all", ...APPEAL_STATUSES] as const;
type Filter = (typeof FILTERS)[number];
const isFilter = (v: string | null): v is Filter => v !== null && (FILTERS as readonly string[]).includes(v);
const FILTER_LABELS: Record<Filter, string> = { open: "Open", all: "All", ...APPEAL_STATUS_LABELS };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const requested = new URL(request.url).searchParams.get("status");
  const status = isFilter(requested) ? requested : "open";
  return { status, items: await listAppeals(db, user, { status }) };
}

export default function AppealsList() {
  const { status, items } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Appeals</h1>
      <Form method="get" className="inline-form">
        <label htmlFor="status">Show</label>
        <select id="status" name="status" defaultValue={status}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {FILTER_LABELS[f]}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </Form>
      {items.length === 0 ? (
        <p className="muted">No appeals here.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Appeals</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Against</th>
                <th scope="col">Status</th>
                <th scope="col">Lodged</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/admin/appeals/${a.id}`}>{a.organisationName}</Link>
                  </th>
                  <td>{APPEAL_KIND_LABELS[a.kind]}</td>
                  <td>{APPEAL_STATUS_LABELS[a.status]}</td>
                  <td>{formatDate(a.filedAt)}</td>
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
