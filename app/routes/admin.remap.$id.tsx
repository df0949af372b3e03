import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { formatDate } from "~/domain/format";
import { REMAP_HISTORY_LABELS, RemapBadge, RemapDiff, RemapModules, RemapReplacedNotice } from "~/components/remap";
import { History } from "~/components/ui/history";
import { requireRecord } from "~/services/request.server";
import { remapTaskForStaff } from "~/services/remap.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = () => [{ title: "Re-mapping task · Administration" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, remapTaskForStaff, "staff:access")).record;
}

export default function StaffRemapTaskPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <BackLink to="/admin/remap">All re-mapping tasks</BackLink>
      <h1>
        {page.organisationName}: certificate {page.accreditation.certificateNumber} to version {page.to.version}
      </h1>
      <p>
        <RemapBadge status={page.task.status} overdue={page.task.overdue} /> · due {formatDate(page.task.dueOn)}
        {page.task.completedAt ? ` · completed ${formatDate(page.task.completedAt)}` : ""}
      </p>
      <RemapReplacedNotice replacedBy={page.replacedBy} base="/admin/remap" />
      <RemapDiff diff={page.diff} from={page.from.version} to={page.to.version} />
      <RemapModules modules={page.modules} choices={page.choices} answer={undefined} editable={false} />
      <History events={page.timeline} labels={REMAP_HISTORY_LABELS} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin/remap", label: "Back to the re-mapping tasks" });
