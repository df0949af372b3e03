import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MaterialChangeBadge } from "~/components/material-changes";
import { MATERIAL_CHANGE_KIND_LABELS } from "~/domain/material-changes";
import { formatDate, formatDateTime } from "~/domain/format";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { materialChangesForStaff } from "~/services/material-changes.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { certificateColumn } from "~/components/ui/list-table";
import { QueuePage } from "~/components/ui/queue-page";

export const meta: MetaFunction = () => [{ title: "Material changes · Staff · Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return { changes: await materialChangesForStaff(db) };
}

export default function MaterialChanges() {
  const { changes } = useLoaderData<typeof loader>();
  return (
    <QueuePage
      heading="Material changes"
      lede="Changes accredited providers report between annual reports: trainers, ownership, legal name, address, syllabus. Those awaiting review come first."
      caption="Reported material changes"
      base="/admin/material-changes"
      rows={changes}
      empty={<strong>No material changes reported yet.</strong>}
      columns={[
        certificateColumn(),
        { header: "What changed", cell: (c) => MATERIAL_CHANGE_KIND_LABELS[c.kind] },
        { header: "On", cell: (c) => formatDate(c.effectiveOn) },
        { header: "Reported", cell: (c) => formatDateTime(c.reportedAt) },
        { header: "Status", cell: (c) => <MaterialChangeBadge status={c.status} /> },
      ]}
    />
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
