import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseForm } from "~/domain/forms";
import { annualReportSchema } from "~/domain/annual-reports";
import { ErrorSummary, useValidatedForm, SubmitButton, InputField, TextAreaField } from "~/components/form";
import { ReportContent, ReportStatusBadge } from "~/components/surveillance";
import { invalidForm } from "~/http.server";
import { formatDate } from "~/domain/format";
import { db } from "~/services/db.server";
import { notFound, refusedAnswer, requireRecord, requireUser } from "~/services/request.server";
import { reportForMember, submitAnnualReport } from "~/services/surveillance.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { CaseHeader } from "~/components/ui/case-header";

export const meta: MetaFunction = () => [{ title: "Annual report · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, reportForMember)).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await request.formData(), annualReportSchema);
  if (!parsed.success) {
    // Not a member: the same 404 as the page, whatever was posted.
    if (!(await reportForMember(db, user, params.id ?? ""))) notFound();
    return invalidForm(parsed);
  }
  const result = await submitAnnualReport(db, user, params.id ?? "", parsed.data);
  if (!result.ok) return refusedAnswer<Record<string, unknown>>(result, { ...parsed.data });
  return redirect(`/provider/reports/${params.id}?done=submitted`);
}

const NUMBER = { type: "number", inputMode: "numeric", min: 0 } as const;

export default function AnnualReport() {
  const report = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useValidatedForm(annualReportSchema, {
    serverErrors: actionData?.errors,
    defaultValues: { intent: "submit", ...(report.content ?? {}), ...(actionData?.values ?? {}) },
  });
  return (
    <div>
      <CaseHeader
        back={{ to: "/provider", label: "My organisation" }}
        heading={`Annual report, year ${report.period}: ${report.organisationName}`}
        badge={<ReportStatusBadge status={report.status} overdue={report.overdue} />}
        certificateNumber={report.certificateNumber}
      >
        · covers {formatDate(report.periodStart)} to {formatDate(report.periodEnd)} · due {formatDate(report.dueOn)}
      </CaseHeader>
      {params.get("done") === "submitted" ? (
        <p className="alert success" role="status">
          Report filed. The programme team has been told and will review it.
        </p>
      ) : null}
      {report.reviewNote ? (
        <section className="alert info" aria-labelledby="note-heading">
          <h2 id="note-heading">From the programme team</h2>
          <p className="prewrap">{report.reviewNote}</p>
        </section>
      ) : null}
      {report.actions.includes("submit") ? (
        <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="file-heading">
          <h2 id="file-heading">{report.status === "follow_up_requested" ? "File the report again" : "File the report"}</h2>
          <ErrorSummary errors={actionData?.errors} />
          <input type="hidden" {...form.register("intent")} />
          <InputField form={form} name="coursesDelivered" label="Course runs delivered this year" {...NUMBER} />
          <InputField form={form} name="learners" label="Learners trained" {...NUMBER} />
          <TextAreaField form={form} name="trainerChanges" label="Trainer changes" hint="Who joined or left, and who now teaches what. Leave empty if none." rows={3} />
          <TextAreaField form={form} name="syllabusChanges" label="Syllabus changes" hint="Modules added, removed or changed. Leave empty if none." rows={3} />
          <InputField form={form} name="complaintsReceived" label="Complaints received" {...NUMBER} />
          <TextAreaField form={form} name="complaintsSummary" label="About the complaints" hint="What they were about and how you handled them." rows={3} />
          <SubmitButton>File annual report</SubmitButton>
        </Form>
      ) : report.content ? (
        <section aria-labelledby="filed-heading">
          <h2 id="filed-heading">What you reported</h2>
          <ReportContent content={report.content} />
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
