import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { listAppeals } from "~/services/appeals-panel.server";
import { APPEAL_KIND_LABELS, APPEAL_STATUS_LABELS, APPEAL_STATUSES } from "~/domain/appeals";
import { formatDate } from "~/domain/format";
import { sectionErrorBoundary } from "~/components/route-error";
import { chosenStatus } from "~/components/ui/status-filter";
import { QueuePage } from "~/components/ui/queue-page";

export const meta: MetaFunction = () => [{ title: "Appeals · Administration" }];

const FILTERS = ["open", "all", ...APPEAL_STATUSES] as const;
const FILTER_LABELS: Record<(typeof FILTERS)[number], string> = { open: "Open", all: "All", ...APPEAL_STATUS_LABELS };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const status = chosenStatus(request, FILTERS);
  return { status, items: await listAppeals(db, user, { status }) };
}

export default function AppealsList() {
  const { status, items } = useLoaderData<typeof loader>();
  return (
    <QueuePage
      heading="Appeals"
      filter={{ value: status, filters: FILTERS, labels: FILTER_LABELS }}
      base="/admin/appeals"
      rows={items}
      empty="No appeals here."
      columns={[
        { header: "Against", cell: (a) => APPEAL_KIND_LABELS[a.kind] },
        { header: "Status", cell: (a) => APPEAL_STATUS_LABELS[a.status] },
        { header: "Lodged", cell: (a) => formatDate(a.filedAt) },
      ]}
    />
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
