import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseForm } from "~/domain/forms";
import { REPORT_STATUS_LABELS, reviewReportSchema } from "~/domain/annual-reports";
import { ErrorSummary, Field, RadioGroup, useValidatedForm } from "~/components/form";
import { ReportContent, ReportStatusBadge } from "~/components/surveillance";
import { formatDate, formatDateTime } from "~/domain/format";
import { invalidForm, refusalResponse } from "~/http.server";
import { db } from "~/services/db.server";
import { notFound, requirePermission } from "~/services/request.server";
import { reportForStaff, reviewAnnualReport } from "~/services/surveillance.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { History } from "~/components/ui/history";

export const meta: MetaFunction = () => [{ title: "Annual report · Staff · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const report = await reportForStaff(db, user, params.id ?? "");
  if (!report) notFound();
  return report;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const parsed = parseForm(await request.formData(), reviewReportSchema);
  if (!parsed.success) return invalidForm(parsed);
  const result = await reviewAnnualReport(db, user, params.id ?? "", parsed.data);
  if (!result.ok) return result.status === 404 ? notFound() : refusalResponse<Record<string, unknown>>(result, { ...parsed.data });
  return redirect(`/admin/reports/${params.id}?done=${parsed.data.outcome}`);
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
  const form = useValidatedForm(reviewReportSchema, { serverErrors: actionData?.errors, defaultValues: { note: "", ...(actionData?.values ?? {}) } });
  const done = params.get("done");
  return (
    <div>
      <p className="small">
        <Link to="/admin/reports">← Annual reports</Link>
      </p>
      <h1>
        {report.organisationName}: annual report, year {report.period}
      </h1>
      <p>
        <ReportStatusBadge status={report.status} overdue={report.overdue} /> Certificate <span className="mono">{report.certificateNumber}</span> · covers{" "}
        {formatDate(report.periodStart)} to {formatDate(report.periodEnd)} · due {formatDate(report.dueOn)}
        {report.submittedAt ? ` · filed ${formatDateTime(report.submittedAt)}${report.submittedBy ? ` by ${report.submittedBy}` : ""}` : ""}
      </p>
      {done ? (
        <p className="alert success" role="status">
          Review recorded: {REPORT_STATUS_LABELS[report.status].toLowerCase()}. The provider has been emailed.
          {report.status === "suspension_proposed" ? (
            <>
              {" "}
              Suspend it from <Link to={`/admin/accreditations?q=${encodeURIComponent(report.certificateNumber)}`}>Accreditations</Link>.
            </>
          ) : null}
        </p>
      ) : null}
      {report.content ? <ReportContent content={report.content} /> : <p className="muted">Not filed yet.</p>}
      {report.reviewNote ? <p className="prewrap">Your note: {report.reviewNote}</p> : null}
      {report.actions.length > 0 ? (
        <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="review-heading">
          <h2 id="review-heading">Review</h2>
          <ErrorSummary errors={actionData?.errors} />
          <RadioGroup name="outcome" legend="Outcome" options={OUTCOMES.filter(([outcome]) => report.actions.includes(outcome))} error={form.errorFor("outcome")} inputProps={form.register("outcome")} />
          <Field id="note" label="Note to the provider" hint="Required to ask for a follow-up or to propose suspension." error={form.errorFor("note")}>
            {(p) => <textarea rows={4} {...p} {...form.register("note")} />}
          </Field>
          <button type="submit" className="button">
            Record review
          </button>
        </Form>
      ) : null}
      <History events={report.timeline} labels={EVENTS} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
