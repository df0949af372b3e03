import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScopeChangeBadge } from "~/components/scope-changes";
import { SCOPE_CHANGE_KIND_LABELS } from "~/domain/scope-changes";
import { formatDateTime } from "~/domain/format";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { scopeChangesForStaff } from "~/services/scope-changes.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { ListTable } from "~/components/ui/list-table";

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
      <ListTable
        caption="Scope change requests"
        rows={changes}
        rowKey={(c) => c.id}
        empty={<strong>No scope changes requested yet.</strong>}
        columns={[
          { header: "Provider", cell: (c) => <Link to={`/admin/scope-changes/${c.id}`}>{c.organisationName}</Link> },
          { header: "Certificate", cell: (c) => c.certificateNumber, className: "mono" },
          { header: "Change", cell: (c) => `${SCOPE_CHANGE_KIND_LABELS[c.kind]} (${c.entries.length})` },
          { header: "Requested", cell: (c) => formatDateTime(c.requestedAt) },
          { header: "Status", cell: (c) => <ScopeChangeBadge status={c.status} /> },
        ]}
      />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
