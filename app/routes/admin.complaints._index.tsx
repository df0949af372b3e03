import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { listComplaints } from "~/services/complaints-staff.server";
import { COMPLAINT_OUTCOME_LABELS, COMPLAINT_STATUS_LABELS, COMPLAINT_STATUSES } from "~/domain/complaints";
import { formatDate as formatDay } from "~/domain/format";
import { sectionErrorBoundary } from "~/components/route-error";
import { chosenStatus } from "~/components/ui/status-filter";
import { QueuePage } from "~/components/ui/queue-page";

export const meta: MetaFunction = () => [{ title: "Complaints · Administration" }];

const FILTERS = ["open", ...COMPLAINT_STATUSES.filter((s) => s !== "unconfirmed")] as const;
const FILTER_LABELS = { open: "Open", ...COMPLAINT_STATUS_LABELS };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const status = chosenStatus(request, FILTERS);
  return { status, items: await listComplaints(db, user, { status }) };
}

const due = (d: Date | string | null) => (d ? formatDay(d) : "—");

type Item = Awaited<ReturnType<typeof loader>>["items"][number];

function nextDeadline(c: Item): string {
  if (c.status === "received") return `Triage by ${due(c.triageDueAt)}`;
  if (c.status === "awaiting_provider") return `Provider by ${due(c.responseDueAt)}`;
  if (c.status === "investigating" && c.resolutionDueAt) return `Outcome by ${due(c.resolutionDueAt)}`;
  return "—";
}

export default function ComplaintsList() {
  const { status, items } = useLoaderData<typeof loader>();
  return (
    <QueuePage
      heading="Complaints"
      filter={{ value: status, filters: FILTERS, labels: FILTER_LABELS }}
      base="/admin/complaints"
      rows={items}
      empty="No complaints here."
      columns={[
        { header: "Status", cell: (c) => `${COMPLAINT_STATUS_LABELS[c.status]}${c.outcome ? ` (${COMPLAINT_OUTCOME_LABELS[c.outcome]})` : ""}` },
        { header: "Confirmed", cell: (c) => due(c.confirmedAt) },
        { header: "Next deadline", cell: nextDeadline },
      ]}
    />
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
