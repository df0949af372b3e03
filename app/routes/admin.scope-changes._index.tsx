import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ScopeChangeBadge } from "~/components/scope-changes";
import { SCOPE_CHANGE_KIND_LABELS } from "~/domain/scope-changes";
import { formatDateTime } from "~/domain/format";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { scopeChangesForStaff } from "~/services/scope-changes.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { certificateColumn } from "~/components/ui/list-table";
import { QueuePage } from "~/components/ui/queue-page";

export const meta: MetaFunction = () => [{ title: "Scope changes · Staff · Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return { changes: await scopeChangesForStaff(db) };
}

export default function ScopeChanges() {
  const { changes } = useLoaderData<typeof loader>();
  return (
    <QueuePage
      heading="Scope changes"
      lede="Accredited providers ask to extend or reduce their scope. Approving a change applies it, reissues the credential and updates the directory. Requests awaiting a decision come first."
      caption="Scope change requests"
      base="/admin/scope-changes"
      rows={changes}
      empty={<strong>No scope changes requested yet.</strong>}
      columns={[
        certificateColumn(),
        { header: "Change", cell: (c) => `${SCOPE_CHANGE_KIND_LABELS[c.kind]} (${c.entries.length})` },
        { header: "Requested", cell: (c) => formatDateTime(c.requestedAt) },
        { header: "Status", cell: (c) => <ScopeChangeBadge status={c.status} /> },
      ]}
    />
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
