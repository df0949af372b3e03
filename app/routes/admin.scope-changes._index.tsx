import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ScopeChangeBadge } from "~/components/scope-changes";
import { SCOPE_CHANGE_KIND_LABELS } from "~/domain/scope-changes";
import { formatDateTime } from "~/domain/format";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { scopeChangesForStaff } from "~/services/scope-changes.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { ListTable, providerColumn, certificateColumn } from "~/components/ui/list-table";

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
        empty={<strong>No scope changes requested yet.</strong>}
        columns={[
          providerColumn("/admin/scope-changes"),
          certificateColumn(),
          { header: "Change", cell: (c) => `${SCOPE_CHANGE_KIND_LABELS[c.kind]} (${c.entries.length})` },
          { header: "Requested", cell: (c) => formatDateTime(c.requestedAt) },
          { header: "Status", cell: (c) => <ScopeChangeBadge status={c.status} /> },
        ]}
      />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
