import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { parseForm } from "~/domain/forms";
import { MATERIAL_CHANGE_KIND_LABELS, MATERIAL_CHANGE_STATUS_LABELS, openDeltaReviewSchema, reviewMaterialChangeSchema } from "~/domain/material-changes";
import { ErrorSummary, Field, RadioGroup, useValidatedForm } from "~/components/form";
import { MaterialChangeBadge } from "~/components/material-changes";
import { formatDate, formatDateTime } from "~/domain/format";
import { invalidForm, refusalResponse } from "~/http.server";
import { db } from "~/services/db.server";
import { notFound, requirePermission } from "~/services/request.server";
import { materialChangeForStaff, reviewMaterialChange } from "~/services/material-changes.server";
import { openDeltaReview } from "~/services/delta-reviews.server";
import { DeltaReviewLink, OpenDeltaReviewForm } from "~/components/delta-review";
import { sectionErrorBoundary } from "~/components/route-error";
import { History } from "~/components/ui/history";

export const meta: MetaFunction = () => [{ title: "Material change · Staff · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const change = await materialChangeForStaff(db, user, params.id ?? "");
  if (!change) notFound();
  return change;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  if (!(await materialChangeForStaff(db, user, params.id ?? ""))) notFound();
  const formData = await request.formData();
  if (formData.get("intent") === "delta") {
    // Open a delta review (decision 045): the courses it covers, a note; then straight to the report with its link.
    const delta = parseForm(formData, openDeltaReviewSchema);
    if (!delta.success) return invalidForm(delta, { formId: "delta" });
    const opened = await openDeltaReview(db, user, params.id ?? "", delta.data);
    if (!opened.ok) return opened.status === 404 ? notFound() : refusalResponse<Record<string, unknown>, { formId: string }>(opened, { ...delta.data }, { formId: "delta" });
    return redirect(`/admin/material-changes/${params.id}?done=open_delta_review`);
  }
  const parsed = parseForm(formData, reviewMaterialChangeSchema);
  if (!parsed.success) return invalidForm(parsed, { formId: "review" });
  const result = await reviewMaterialChange(db, user, params.id ?? "", parsed.data);
  if (!result.ok) return result.status === 404 ? notFound() : refusalResponse<Record<string, unknown>, { formId: string }>(result, { ...parsed.data }, { formId: "review" });
  return redirect(`/admin/material-changes/${params.id}?done=${parsed.data.outcome}`);
}

const OUTCOMES = [
  ["acknowledge", "Acknowledge: nothing more is needed"],
  ["request_follow_up", "Ask a follow-up question (the provider answers)"],
  ["propose_suspension", "Propose suspension"],
] as const;

const EVENTS: Record<string, string> = {
  "material_change.reported": "Reported",
  "material_change.respond": "Provider answered",
  "material_change.acknowledge": "Acknowledged",
  "material_change.request_follow_up": "Follow-up requested",
  "material_change.propose_suspension": "Suspension proposed",
  "material_change.open_delta_review": "Delta review opened",
};

export default function StaffMaterialChange() {
  const change = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const review = actionData?.formId === "review" ? actionData : undefined;
  const form = useValidatedForm(reviewMaterialChangeSchema, { serverErrors: review?.errors, defaultValues: { note: "", ...(review?.values ?? {}) } });
  const outcomeError = form.errorFor("outcome");
  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/material-changes">← Material changes</Link>
      </p>
      <h1>
        {change.organisationName}: {MATERIAL_CHANGE_KIND_LABELS[change.kind].toLowerCase()}
      </h1>
      <p>
        <MaterialChangeBadge status={change.status} /> Certificate <span className="mono">{change.certificateNumber}</span> · changed {formatDate(change.effectiveOn)} ·
        reported {formatDateTime(change.reportedAt)}
        {change.reportedByName ? ` by ${change.reportedByName}` : ""}
      </p>
      {params.get("done") ? (
        <p className="alert success" role="status">
          Review recorded: {MATERIAL_CHANGE_STATUS_LABELS[change.status].toLowerCase()}. The provider has been emailed.
          {change.status === "suspension_proposed" ? (
            <>
              {" "}
              Suspend it from <Link to={`/admin/accreditations?q=${encodeURIComponent(change.certificateNumber)}`}>Accreditations</Link>.
            </>
          ) : null}
        </p>
      ) : null}
      <p className="prewrap">{change.description}</p>
      {change.reviewNote ? <p className="prewrap">Your last note: {change.reviewNote}</p> : null}
      {change.response ? <p className="prewrap">The provider&apos;s answer: {change.response}</p> : null}
      {change.delta ? <DeltaReviewLink delta={change.delta} href={`/admin/applications/${change.delta.id}`} /> : null}
      {change.canReview || change.canProposeSuspensionAfterDelta ? (
        <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="review-heading">
          <h2 id="review-heading">Review</h2>
          <ErrorSummary errors={review?.errors} />
          <RadioGroup
            name="outcome"
            legend="Outcome"
            options={change.canReview ? OUTCOMES : OUTCOMES.filter(([o]) => o === "propose_suspension")}
            error={outcomeError}
            inputProps={form.register("outcome")}
          />
          <Field id="note" label="Note to the provider" hint="Required to ask a follow-up or to propose suspension." error={form.errorFor("note")}>
            {(p) => <textarea rows={4} {...p} {...form.register("note")} />}
          </Field>
          <button type="submit" className="button">
            Record review
          </button>
        </Form>
      ) : null}
      {change.canReview && change.scopeCourses.length > 0 ? <OpenDeltaReviewForm courses={change.scopeCourses} kind={change.kind} answer={actionData} /> : null}
      <History events={change.timeline} labels={EVENTS} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
