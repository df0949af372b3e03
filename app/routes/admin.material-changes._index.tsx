import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MaterialChangeBadge } from "~/components/material-changes";
import { MATERIAL_CHANGE_KIND_LABELS } from "~/domain/material-changes";
import { formatDate, formatDateTime } from "~/domain/format";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { materialChangesForStaff } from "~/services/material-changes.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Material changes · Staff · Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return { changes: await materialChangesForStaff(db) };
}

export default function MaterialChanges() {
  const { changes } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Material changes</h1>
      <p className="lede">Changes accredited providers report between annual reports: trainers, ownership, legal name, address, syllabus. Those awaiting review come first.</p>
      {changes.length === 0 ? (
        <p className="empty-state">
          <strong>No material changes reported yet.</strong>
        </p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Reported material changes</caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                <th scope="col">Certificate</th>
                <th scope="col">What changed</th>
                <th scope="col">On</th>
                <th scope="col">Reported</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/admin/material-changes/${c.id}`}>{c.organisationName}</Link>
                  </th>
                  <td className="mono">{c.certificateNumber}</td>
                  <td>{MATERIAL_CHANGE_KIND_LABELS[c.kind]}</td>
                  <td>{formatDate(c.effectiveOn)}</td>
                  <td>{formatDateTime(c.reportedAt)}</td>
                  <td>
                    <MaterialChangeBadge status={c.status} />
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
