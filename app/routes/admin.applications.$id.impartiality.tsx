import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRecord } from "~/services/request.server";
import { impartialityReport } from "~/services/impartiality.server";
import { FindingList, InvolvementTable } from "~/components/safeguards/impartiality-report";
import { formatDateTime } from "~/domain/format";
import { sectionErrorBoundary } from "~/components/route-error";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = () => [{ title: "Impartiality report · Administration" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, impartialityReport, "staff:access")).record;
}

export default function ImpartialityReportPage() {
  const report = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <BackLink to={`/admin/applications/${report.applicationId}`}>{report.organisationName}</BackLink>
      <h1>Impartiality report: {report.organisationName}</h1>
      <p className="muted">
        Separation of assessment and decision (ISO/IEC 17011 7.7): nobody who reviewed the application, belongs to the organisation or declared a conflict with it
        may vote on it, record its decision or hear its appeal. The server refuses these; this report shows the record.
      </p>
      <p>
        {report.decision
          ? `Decision: ${report.decision.outcome}, recorded ${formatDateTime(report.decision.decidedAt)}${report.decision.recordedByName ? ` by ${report.decision.recordedByName}` : ""}.`
          : "No decision recorded yet."}
      </p>
      <FindingList findings={report.findings} />
      <InvolvementTable people={report.people} caption="Who took which part" />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
