import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScopeChangeBadge } from "~/components/scope-changes";
import { SCOPE_CHANGE_KIND_LABELS } from "~/domain/scope-changes";
import { formatDateTime } from "~/domain/format";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { scopeChangesForStaff } from "~/services/scope-changes.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Scope changes · Staff · Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return { changes: await scopeChangesForStaff(db) };
}

export default function ScopeChanges() {
  const { changes } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Scope changes</h1>
      <p className="lede">Accredited providers ask to extend or reduce their scope. Approving a change applies it, reissues the credential and updates the directory. Requests awaiting a decision come first.</p>
      {changes.length === 0 ? (
        <p className="empty-state">
          <strong>No scope changes requested yet.</strong>
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Scope change requests</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Certificate</th>
                <th scope="col">Change</th>
                <th scope="col">Requested</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/admin/scope-changes/${c.id}`}>{c.organisationName}</Link>
                  </th>
                  <td className="mono">{c.certificateNumber}</td>
                  <td>
                    {SCOPE_CHANGE_KIND_LABELS[c.kind]} ({c.entries.length})
                  </td>
                  <td>{formatDateTime(c.requestedAt)}</td>
                  <td>
                    <ScopeChangeBadge status={c.status} />
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
