import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { MATERIAL_CHANGE_KIND_LABELS, MATERIAL_CHANGE_STATUS_LABELS, openDeltaReviewSchema, reviewMaterialChangeSchema } from "~/domain/material-changes";
import { OutcomeForm, ReviewRecorded } from "~/components/ui/outcome-form";
import { MaterialChangeBadge } from "~/components/material-changes";
import { formatDate, formatDateTime } from "~/domain/format";
import { requireRecord, submitRecordForm } from "~/services/request.server";
import { materialChangeForStaff, reviewMaterialChange } from "~/services/material-changes.server";
import { openDeltaReview } from "~/services/delta-reviews.server";
import { DeltaReviewLink, OpenDeltaReviewForm } from "~/components/delta-review";
import { sectionErrorBoundary } from "~/components/route-error";
import { History } from "~/components/ui/history";
import { CaseHeader } from "~/components/ui/case-header";

export const meta: MetaFunction = () => [{ title: "Material change · Staff · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, materialChangeForStaff, "staff:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireRecord(request, params.id, materialChangeForStaff, "staff:access");
  const formData = await request.formData();
  if (formData.get("intent") === "delta") {
    // Open a delta review (decision 045): the courses it covers, a note; then straight to the report with its link.
    return submitRecordForm(formData, user, params.id, { formId: "delta", schema: openDeltaReviewSchema, step: openDeltaReview, done: () => redirect(`/admin/material-changes/${params.id}?done=open_delta_review`) });
  }
  return submitRecordForm(formData, user, params.id, { formId: "review", schema: reviewMaterialChangeSchema, step: reviewMaterialChange, done: (input) => redirect(`/admin/material-changes/${params.id}?done=${input.outcome}`) });
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
  const outcomes = OUTCOMES.filter(([outcome]) => change.actions.includes(outcome));
  return (
    <div className="stack">
      <CaseHeader
        back={{ to: "/admin/material-changes", label: "Material changes" }}
        heading={`${change.organisationName}: ${MATERIAL_CHANGE_KIND_LABELS[change.kind].toLowerCase()}`}
        badge={<MaterialChangeBadge status={change.status} />}
        certificateNumber={change.certificateNumber}
      >
        · changed {formatDate(change.effectiveOn)} · reported {formatDateTime(change.reportedAt)}
        {change.reportedByName ? ` by ${change.reportedByName}` : ""}
      </CaseHeader>
      {params.get("done") ? (
        <ReviewRecorded statusLabel={MATERIAL_CHANGE_STATUS_LABELS[change.status]} suspensionProposed={change.status === "suspension_proposed"} certificateNumber={change.certificateNumber} />
      ) : null}
      <p className="prewrap">{change.description}</p>
      {change.reviewNote ? <p className="prewrap">Your last note: {change.reviewNote}</p> : null}
      {change.response ? <p className="prewrap">The provider&apos;s answer: {change.response}</p> : null}
      {change.delta ? <DeltaReviewLink delta={change.delta} href={`/admin/applications/${change.delta.id}`} /> : null}
      {outcomes.length > 0 ? (
        <OutcomeForm
          schema={reviewMaterialChangeSchema}
          heading={{ id: "review-heading", text: "Review" }}
          outcomes={outcomes}
          noteHint="Required to ask a follow-up or to propose suspension."
          submitLabel="Record review"
          answer={review}
        />
      ) : null}
      {change.actions.includes("open_delta_review") && change.scopeCourses.length > 0 ? <OpenDeltaReviewForm courses={change.scopeCourses} kind={change.kind} answer={actionData} /> : null}
      <History events={change.timeline} labels={EVENTS} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
