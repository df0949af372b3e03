import { useEffect } from "react";
import { applicationKindLabel, formatDate, formatDateTime } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from "@remix-run/react";
import { parseForm, type FieldErrors } from "~/domain/forms";
import {
  criterionIdsIn,
  disputeSchema,
  reviewSheetSchema,
  toReviewSheet,
} from "~/domain/review-forms";
import { formatPercent, weightedScore } from "~/domain/scoring";
import { ReviewVerdict } from "~/components/review/review-verdict";
import { ErrorSummary, Field, useValidatedForm, Options, SubmitButton } from "~/components/form";
import { AggregateTable } from "~/components/review/aggregate-table";
import { CoverageMatrix } from "~/components/review/coverage-matrix";
import { focusCoverage } from "~/domain/coverage";
import { DisputeList } from "~/components/review/dispute-list";
import { DocumentsList } from "~/components/review/documents-list";
import { RevisionDiff, RevisionView } from "~/components/review/revision-view";
import { StatusBadge } from "~/components/provider/status";
import { ReviewSheet } from "~/components/review/review-sheet";
import { db } from "~/services/db.server";
import { invalidForm } from "~/http.server";
import { notFound, refusedAnswer, requirePermission } from "~/services/request.server";
import { disputeMapping, reviewWorkspace, saveReview } from "~/services/review-workspace.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { ExtensionNotice } from "~/components/extension-notice";
import { PrintButton } from "~/components/ui/print-button";
import { DataTable } from "~/components/ui/list-table";
import { doneBy, StepAlerts } from "~/components/ui/step-alerts";
import { BackLink } from "~/components/ui/back-link";
import { CodeTitle } from "~/components/ui/code-title";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Review of ${data.application.organisationName} · Rust Training Accreditation` : "Review · Rust Training Accreditation" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "review:access");
  // Scoped to the reviewer's own accepted assignment: anything else, including a pending one, is a 404.
  const workspace = await reviewWorkspace(db, user, params.assignmentId ?? "");
  if (!workspace) notFound();
  const focus = focusCoverage(workspace.coverage.courses, new URL(request.url).searchParams.get("course"));
  return { ...workspace, coverage: { ...workspace.coverage, ...focus } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "review:access");
  const assignmentId = params.assignmentId ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === "dispute") {
    const parsed = parseForm(formData, disputeSchema);
    if (!parsed.success) return invalidForm(parsed, { intent: "dispute" as const });
    const result = await disputeMapping(db, user, assignmentId, parsed.data);
    if (!result.ok) return refusedAnswer<Record<string, unknown>, { intent: "dispute" }>(result, { mappingId: parsed.data.mappingId, note: parsed.data.note }, { intent: "dispute" });
    return redirect(`/review/${assignmentId}?disputed=1#disputes`);
  }

  // The rubric form: the criteria are named by the fields; the service keeps only the rubric's own.
  const criterionIds = criterionIdsIn(formData);
  const parsed = parseForm(formData, reviewSheetSchema(criterionIds));
  if (!parsed.success) return invalidForm(parsed, { intent: "sheet" as const });
  const result = await saveReview(db, user, assignmentId, toReviewSheet(parsed.data, criterionIds));
  if (!result.ok) {
    const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));
    return refusedAnswer<Record<string, unknown>, { intent: "sheet" }>(result, values, { intent: "sheet" });
  }
  // Autosave posts through a fetcher: it is answered with data, since a redirect would navigate the page away.
  if (formData.get("autosave") === "1" && !result.value.submitted) return { intent: "autosave" as const, savedAt: new Date().toISOString() };
  return redirect(`/review/${assignmentId}?${result.value.submitted ? "submitted" : "saved"}=1`);
}

// An autosave changes only the draft the form already shows: reloading the whole workspace each time is waste.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("autosave") === "1" ? false : defaultShouldRevalidate;

export default function ReviewWorkspace() {
  const ws = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { application, assignment, review } = ws;
  const submitted = review?.status === "submitted";

  return (
    <div className="page">
      <BackLink to="/review">My reviews</BackLink>
      <h1>Review: {application.organisationName}</h1>
      <PrintButton />
      <p>
        <StatusBadge status={application.status} /> {applicationKindLabel(application.kind)} application · revision {application.revisionNumber} · due{" "}
        {formatDate(assignment.dueAt)} {assignment.overdue ? <span className="badge bad">overdue</span> : null}
      </p>
      {ws.extension ? <ExtensionNotice extension={ws.extension} audience="reviewer" /> : null}
      <StepAlerts
        done={doneBy(params, {
          saved: "Draft saved. You can come back to it at any time.",
          submitted: "Review submitted. Thank you — the other reviewers' reviews are now visible below.",
          disputed: "Dispute recorded. The mapping no longer counts toward coverage until staff resolve it.",
        })}
      />

      <nav aria-label="On this page" className="small">
        <a href="#rubric">Rubric</a> · <a href="#revision">Application</a> · <a href="#coverage">Coverage</a> · <a href="#documents">Documents</a> ·{" "}
        <a href="#disputes">Mapping disputes</a>
      </nav>

      {/* On a wide screen the application and the scoring sit side by side, the scoring kept in view (sticky). */}
      <div className="review-desk">
        <div className="review-desk-application">
          {ws.changes ? (
            <section aria-labelledby="changes" className="card">
              <h2 id="changes">What changed since revision {application.revisionNumber - 1}</h2>
              {ws.response ? (
                <div className="alert info">
                  <strong>The provider&apos;s response:</strong>
                  <p style={{ whiteSpace: "pre-wrap" }}>{ws.response}</p>
                </div>
              ) : null}
              <RevisionDiff entries={ws.changes} from={application.revisionNumber - 1} to={application.revisionNumber} />
            </section>
          ) : null}

          {ws.othersAggregate ? (
            <section aria-labelledby="others" className="card">
              <h2 id="others">All reviews of revision {application.revisionNumber}</h2>
              <AggregateTable aggregate={ws.othersAggregate} caption="Scores of every submitted review" />
              {ws.others.length === 0 ? <p className="muted">No other reviewer has submitted yet.</p> : null}
              {ws.others.map((o) => (
                <article key={o.id} className="card">
                  <h3>{o.reviewerName}</h3>
                  <ReviewVerdict review={o} named />
                </article>
              ))}
            </section>
          ) : null}

          <section aria-labelledby="revision" className="card">
            <h2 id="revision">The application (revision {application.revisionNumber})</h2>
            {ws.revision ? <RevisionView snapshot={ws.revision.snapshot} /> : <p className="empty-state">No revision has been submitted.</p>}
          </section>

          <section aria-labelledby="coverage" className="card">
            <h2 id="coverage">Coverage</h2>
            <CoverageMatrix
              courses={ws.coverage.courses}
              focusedId={ws.coverage.focusedId}
              disputeHref={ws.canDispute ? (moduleId, competencyId) => disputeHref(ws.disputable, moduleId, competencyId) : undefined}
            />
          </section>

          <section aria-labelledby="documents" className="card">
            <h2 id="documents">Documents</h2>
            <DocumentsList applicationId={application.id} documents={ws.documents} />
          </section>

          <section aria-labelledby="disputes" className="card">
            <h2 id="disputes">Mapping disputes</h2>
            <p>
              If a module does not teach a competency as deeply as the provider claims, dispute the mapping. A disputed mapping stops counting toward coverage
              until staff rule on it: it stays out if they uphold the dispute, and counts again if they dismiss it.
            </p>
            <DisputeList mappings={ws.disputes} empty="No mapping is disputed." />
            {ws.canDispute ? <DisputeForm key={params.get("dispute") ?? ""} errors={actionData?.intent === "dispute" ? actionData.errors : null} values={actionData?.intent === "dispute" ? actionData.values : null} /> : null}
          </section>
        </div>
        <section aria-labelledby="rubric" className="card review-desk-scoring">
          <h2 id="rubric">Your review of revision {application.revisionNumber}</h2>
          {submitted ? (
            <SubmittedReview criteria={ws.criteria} review={review} />
          ) : ws.actions.includes("save") ? (
            <ReviewSheet
              key={assignment.id}
              criteria={ws.criteria}
              review={review}
              errors={actionData?.intent === "sheet" ? actionData.errors : null}
              values={actionData?.intent === "sheet" ? actionData.values : null}
            />
          ) : (
            <p className="alert info">
              {application.status === "submitted"
                ? "Scoring opens when the programme team starts the review. You can already read the application below."
                : application.status === "changes_requested"
                  ? "The provider has been asked for changes. You will review the next revision once it is resubmitted."
                  : "This application is no longer under review."}
            </p>
          )}
          {ws.previousReview?.status === "submitted" ? (
            <details>
              <summary>Your review of revision {ws.previousReview.revisionNumber}</summary>
              <SubmittedReview criteria={ws.criteria} review={ws.previousReview} />
            </details>
          ) : null}
        </section>

      </div>
    </div>
  );
}

type Workspace = ReturnType<typeof useLoaderData<typeof loader>>;

function SubmittedReview({ criteria, review }: { criteria: Workspace["criteria"]; review: NonNullable<Workspace["review"]> }) {
  const weighted = weightedScore(criteria, review.scores);
  return (
    <div className="stack">
      <p>
        <span className="badge ok">Submitted</span> {review.submittedAt ? formatDateTime(review.submittedAt) : null} · weighted score{" "}
        <strong>{formatPercent(weighted)}</strong>
      </p>
      <DataTable headings={["Criterion", "Score", "Comment"]}>
        {criteria.map((c) => {
          const entry = review.scores[c.id];
          return (
            <tr key={c.id}>
              <th scope="row">
                <CodeTitle item={c} />
              </th>
              <td>
                {entry?.score ?? "—"}
                {entry?.score !== null && entry?.score !== undefined ? <span className="muted small"> {c.descriptors[entry.score]}</span> : null}
              </td>
              <td style={{ whiteSpace: "pre-wrap" }}>{entry?.comment}</td>
            </tr>
          );
        })}
      </DataTable>
      <ReviewVerdict review={review} named />
    </div>
  );
}

/** A mapped cell of the coverage matrix opens the dispute form with its mapping chosen (a plain link: works without JavaScript). */
function disputeHref(mappings: { mappingId: string; courseId: string; moduleId: string; competencyId: string }[], moduleId: string, competencyId: string): string | null {
  const mapping = mappings.find((m) => m.moduleId === moduleId && m.competencyId === competencyId);
  return mapping ? `?course=${mapping.courseId}&dispute=${mapping.mappingId}#dispute-form` : null;
}

function DisputeForm({ errors, values }: { errors: FieldErrors | null; values: Record<string, unknown> | null }) {
  const { disputable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const chosen = disputable.find((m) => m.mappingId === params.get("dispute"));
  const form = useValidatedForm(disputeSchema, { serverErrors: errors, defaultValues: { intent: "dispute", mappingId: chosen?.mappingId ?? "", note: "", ...(values ?? {}) } });
  // Opened from a matrix cell: the mapping is chosen, so the reviewer goes straight to writing why.
  useEffect(() => {
    if (chosen && !values) document.getElementById("dispute-note")?.focus();
  }, [chosen, values]);
  const byModule = new Map<string, typeof disputable>();
  for (const m of disputable) {
    const key = `${m.courseTitle} › ${m.moduleTitle}`;
    byModule.set(key, [...(byModule.get(key) ?? []), m]);
  }
  return (
    <Form method="post" id="dispute-form" className="form" onSubmit={form.onSubmit} noValidate aria-label="Dispute a mapping">
      <h3>Dispute a mapping</h3>
      <ErrorSummary errors={errors} />
      <input type="hidden" {...form.register("intent")} defaultValue="dispute" />
      <Field id="mappingId" label="Mapping" error={form.errorFor("mappingId")}>
        {(p) => (
          <select {...p} defaultValue={typeof values?.mappingId === "string" ? values.mappingId : (chosen?.mappingId ?? "")} {...form.register("mappingId")}>
            <option value="">Choose a mapping</option>
            {[...byModule.entries()].map(([label, list]) => (
              <optgroup key={label} label={label}>
                <Options choices={list.map((m) => [m.mappingId, `${m.code} ${m.title} (${m.depth})`])} />
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <Field id="dispute-note" label="Why the mapping is wrong" error={form.errorFor("note")}>
        {(p) => <textarea {...p} defaultValue={typeof values?.note === "string" ? values.note : ""} {...form.register("note")} rows={3} />}
      </Field>
      <SubmitButton row className="button secondary">Dispute mapping</SubmitButton>
    </Form>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/review", label: "Back to your reviews" });
