import { formatDate, formatDateTime } from "~/domain/format";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useOutlet, useSearchParams } from "@remix-run/react";
import type { z } from "zod";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { assignSchema, forwardSchema, requestChangesSchema, startReviewSchema } from "~/domain/review-forms";
import { resolveDisputeSchema } from "~/domain/disputes";
import { ReviewVerdict } from "~/components/review/review-verdict";
import { ChangeRequestText } from "~/components/change-request";
import { AggregateTable } from "~/components/review/aggregate-table";
import { CoverageMatrix } from "~/components/review/coverage-matrix";
import { focusCoverage } from "~/domain/coverage";
import { DocumentsList } from "~/components/review/documents-list";
import { RevisionView } from "~/components/review/revision-view";
import { StatusBadge } from "~/components/provider/status";
import { Disputes } from "~/components/staff-application/disputes";
import { Reviewers } from "~/components/staff-application/reviewers";
import { CompareRevisions, Rounds } from "~/components/staff-application/revisions";
import { Screening } from "~/components/staff-application/screening";
import { Timeline } from "~/components/staff-application/timeline";
import type { StaffIntent } from "~/components/staff-application/types";
import { db } from "~/services/db.server";
import { notFound, refusedAnswer, requirePermission } from "~/services/request.server";
import { assignReviewer, forwardToBoard, requestChanges, startReview } from "~/services/staff-applications.server";
import { staffApplicationView } from "~/services/staff-application-view.server";
import type { Outcome } from "~/domain/outcome";
import { refusalResponse } from "~/http.server";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import { resolveDispute } from "~/services/disputes.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { PrintButton } from "~/components/ui/print-button";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.displayName} · Applications · Staff` : "Application · Staff" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const url = new URL(request.url);
  const revisionParam = (name: string) => {
    const n = Number(url.searchParams.get(name));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const view = await staffApplicationView(db, user, params.id ?? "", { from: revisionParam("from"), to: revisionParam("to") });
  if (!view) notFound();
  const focus = focusCoverage(view.coverage.courses, url.searchParams.get("course"));
  return { ...view, coverage: { ...view.coverage, ...focus } };
}

type Intent = StaffIntent;
const fail = (intent: Intent, errors: FieldErrors, values: Record<string, unknown>, status: number) => data({ intent, errors, values }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const done = (what: string) => redirect(`/admin/applications/${id}?done=${what}`);
  const values = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));

  // Each service checks the policy with the application's facts (staff, not a member of the applying organisation).
  const run = async <S extends z.ZodTypeAny, T>(
    name: Intent,
    schema: S,
    call: (input: z.infer<S>) => Promise<Outcome<T>>,
    then: (value: T) => Response,
  ) => {
    const parsed = parseForm(formData, schema);
    if (!parsed.success) return fail(name, parsed.errors, parsed.values, 400);
    const result = await call(parsed.data);
    if (!result.ok) return refusedAnswer<Record<string, unknown>, { intent: Intent }>(result, values, { intent: name });
    return then(result.value);
  };
  switch (intent) {
    case "assign":
      return run("assign", assignSchema, (input) => assignReviewer(db, user, id, input), () => done("assigned"));
    case "start_review":
      return run("start_review", startReviewSchema, () => startReview(db, user, id), () => done("started"));
    case "request_changes":
      return run("request_changes", requestChangesSchema, (input) => requestChanges(db, user, id, input), () => done("changes_requested"));
    case "forward":
      return run("forward", forwardSchema, (input) => forwardToBoard(db, user, id, input), () => done("forwarded"));
    case "resolve_dispute":
      return run(
        "resolve_dispute",
        resolveDisputeSchema,
        (input) => resolveDispute(db, user, { applicationId: id, ...input }),
        // Back to the list the form sat in, where the ruling now shows.
        ({ resolution }) => redirect(`/admin/applications/${id}?done=dispute_${resolution}#disputes`),
      );
  }
  return refusalResponse(UNKNOWN_REQUEST, {}, { intent: null });
}

const DONE: Record<string, string> = {
  assigned: "Reviewer assigned. They have been emailed and must accept before they can read the application.",
  started: "Review started. Reviewers can now score the application.",
  changes_requested: "Changes requested. The provider's members have been emailed.",
  forwarded: "Forwarded to the board with your recommendation.",
};

export default function StaffApplication() {
  const outlet = useOutlet();
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // A child page (the decision) takes the whole screen rather than sitting under this one.
  if (outlet) return outlet;
  const { application, organisation } = view;
  const done = params.get("done");
  const current = view.rounds.find((r) => r.revision === application.currentRevision);

  return (
    <div>
      <BackLink to="/admin/applications">Applications</BackLink>
      <h1>{organisation.displayName}</h1>
      <PrintButton />
      <p>
        <StatusBadge status={application.status} /> {application.kind === "renewal" ? "Renewal" : "Initial"} application · revision {application.currentRevision}
        {application.submittedAt ? ` · submitted ${formatDate(application.submittedAt)}` : ""} · {organisation.legalName}
        {organisation.country ? `, ${organisation.country}` : ""}
      </p>
      {done && DONE[done] ? (
        <p className="alert success" role="status">
          {DONE[done]}
        </p>
      ) : null}
      {view.actions.includes("record_decision") ? (
        <p className="alert info">
          Awaiting the board&apos;s decision. <Link to={`/admin/applications/${application.id}/decision`}>Record the decision</Link>
        </p>
      ) : null}
      {application.status !== "draft" ? (
        <p className="small">
          <Link to={`/admin/applications/${application.id}/impartiality`}>Impartiality report</Link>: who assessed, voted and decided, and declared conflicts.
        </p>
      ) : null}
      {application.staffRecommendation ? (
        <div className="card">
          <h2>Recommendation to the board</h2>
          <p style={{ whiteSpace: "pre-wrap" }}>{application.staffRecommendation}</p>
        </div>
      ) : null}

      <nav aria-label="On this page" className="small">
        <a href="#screening">Screening</a> · <a href="#reviewers">Reviewers</a> · <a href="#scores">Scores</a> · <a href="#disputes">Disputes</a> ·{" "}
        <a href="#changes">Changes</a> · <a href="#revision">Revision</a> · <a href="#coverage">Coverage</a> · <a href="#documents">Documents</a> ·{" "}
        <a href="#timeline">Timeline</a>
      </nav>

      <Screening view={view} actionData={actionData} />
      <Reviewers view={view} actionData={actionData} />

      <section className="card" aria-labelledby="scores">
        <h2 id="scores">Scores</h2>
        {current ? <AggregateTable aggregate={current.aggregate} caption={`Scores of revision ${current.revision}`} /> : <p className="empty-state">No revision yet.</p>}
        {current && current.reviews.length > 0 ? (
          <div className="grid">
            {current.reviews.map((r) => (
              <article key={r.id} className="card">
                <h3>{r.reviewerName}</h3>
                <ReviewVerdict review={r} />
              </article>
            ))}
          </div>
        ) : null}
        {view.rounds.length > 1 ? <Rounds view={view} /> : null}
      </section>

      <Disputes view={view} actionData={actionData} done={done} />

      <section className="card" aria-labelledby="changes">
        <h2 id="changes">Change requests and revisions</h2>
        {view.changeRequests.length === 0 ? (
          <p className="muted">No changes have been requested.</p>
        ) : (
          <ol reversed className="stack">
            {view.changeRequests.map((cr) => (
              <li key={cr.id}>
                <p>
                  <strong>On revision {cr.revisionNumber}</strong>, {formatDateTime(cr.createdAt)} by {cr.requestedByName ?? "staff"}:
                </p>
                <ChangeRequestText request={cr} />
                {cr.response ? (
                  <p className="alert info">
                    <strong>Provider&apos;s response</strong> ({cr.respondedAt ? formatDateTime(cr.respondedAt) : ""}): {cr.response}
                  </p>
                ) : (
                  <p className="muted">Not answered yet.</p>
                )}
              </li>
            ))}
          </ol>
        )}
        {view.revisions.length > 1 ? <CompareRevisions view={view} /> : <p className="muted">Only one revision so far: nothing to compare.</p>}
      </section>

      <section className="card" aria-labelledby="revision">
        <h2 id="revision">Submitted revision {application.currentRevision}</h2>
        {view.snapshot ? <RevisionView snapshot={view.snapshot} /> : <p className="empty-state">No revision has been submitted.</p>}
      </section>

      <section className="card" aria-labelledby="coverage">
        <h2 id="coverage">Coverage</h2>
        <CoverageMatrix courses={view.coverage.courses} focusedId={view.coverage.focusedId} />
      </section>

      <section className="card" aria-labelledby="documents">
        <h2 id="documents">Documents</h2>
        <DocumentsList applicationId={application.id} documents={view.documents} />
      </section>

      <Timeline view={view} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
