import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { REPORT_STATUS_LABELS, reviewReportSchema } from "~/domain/annual-reports";
import { OutcomeForm, ReviewRecorded } from "~/components/ui/outcome-form";
import { ReportContent, ReportStatusBadge } from "~/components/surveillance";
import { formatDate, formatDateTime } from "~/domain/format";
import { recordFormAction, requireRecord } from "~/services/request.server";
import { reportForStaff, reviewAnnualReport } from "~/services/surveillance.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { History } from "~/components/ui/history";
import { CaseHeader } from "~/components/ui/case-header";

export const meta: MetaFunction = () => [{ title: "Annual report · Staff · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, reportForStaff, "staff:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  return recordFormAction(request, params, { find: reportForStaff, permission: "staff:access", schema: reviewReportSchema, step: reviewAnnualReport, done: (input) => redirect(`/admin/reports/${params.id}?done=${input.outcome}`) });
}

const OUTCOMES = [
  ["accept", "Accept the report"],
  ["request_follow_up", "Request a follow-up (the provider files again)"],
  ["propose_suspension", "Propose suspension"],
] as const;

const EVENTS: Record<string, string> = {
  "surveillance.report_opened": "Report opened",
  "surveillance.report_submitted": "Filed",
  "surveillance.report_accept": "Accepted",
  "surveillance.report_request_follow_up": "Follow-up requested",
  "surveillance.report_propose_suspension": "Suspension proposed",
};

export default function StaffAnnualReport() {
  const report = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div>
      <CaseHeader
        back={{ to: "/admin/reports", label: "Annual reports" }}
        heading={`${report.organisationName}: annual report, year ${report.period}`}
        badge={<ReportStatusBadge status={report.status} overdue={report.overdue} />}
        certificateNumber={report.certificateNumber}
      >
        · covers {formatDate(report.periodStart)} to {formatDate(report.periodEnd)} · due {formatDate(report.dueOn)}
        {report.submittedAt ? ` · filed ${formatDateTime(report.submittedAt)}${report.submittedBy ? ` by ${report.submittedBy}` : ""}` : ""}
      </CaseHeader>
      {params.get("done") ? (
        <ReviewRecorded statusLabel={REPORT_STATUS_LABELS[report.status]} suspensionProposed={report.status === "suspension_proposed"} certificateNumber={report.certificateNumber} />
      ) : null}
      {report.content ? <ReportContent content={report.content} /> : <p className="muted">Not filed yet.</p>}
      {report.reviewNote ? <p className="prewrap">Your note: {report.reviewNote}</p> : null}
      {report.actions.length > 0 ? (
        <OutcomeForm
          schema={reviewReportSchema}
          heading={{ id: "review-heading", text: "Review" }}
          outcomes={OUTCOMES.filter(([outcome]) => report.actions.includes(outcome))}
          noteHint="Required to ask for a follow-up or to propose suspension."
          submitLabel="Record review"
          answer={actionData}
        />
      ) : null}
      <History events={report.timeline} labels={EVENTS} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
