import { formatDate, formatDateTime, plural } from "~/domain/format";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useOutlet, useSearchParams } from "@remix-run/react";
import type { z } from "zod";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { assignSchema, forwardSchema, requestChangesSchema, startReviewSchema } from "~/domain/review-forms";
import { resolveDisputeSchema } from "~/domain/disputes";
import { statusLabel } from "~/domain/workflow";
import { CONFIDENCE_LABELS, RECOMMENDATION_LABELS, formatPercent, formatScore } from "~/domain/scoring";
import { ErrorSummary, Field, useValidatedForm } from "~/components/form";
import { AggregateTable } from "~/components/review/aggregate-table";
import { CoverageMatrix } from "~/components/review/coverage-matrix";
import { DisputeList, type DisputeItem } from "~/components/review/dispute-list";
import { DocumentsList } from "~/components/review/documents-list";
import { RevisionDiff, RevisionView } from "~/components/review/revision-view";
import { AssignmentBadge, StatusBadge } from "~/components/review/status-badge";
import { db } from "~/services/db.server";
import { notFound, requirePermission } from "~/services/request.server";
import { assignReviewer, forwardToBoard, requestChanges, staffApplicationView, startReview } from "~/services/staff-applications.server";
import type { Outcome } from "~/domain/outcome";
import { refusalResponse } from "~/http.server";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import { canResolveDisputes, resolveDispute } from "~/services/disputes.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { PrintButton } from "~/components/ui/print-button";

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
  return { ...view, canResolveDisputes: await canResolveDisputes(db, user, view.application.id) };
}

type Intent = "assign" | "start_review" | "request_changes" | "forward" | "resolve_dispute";
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
    if (!result.ok) return result.status === 404 ? notFound() : refusalResponse<Record<string, unknown>, { intent: Intent }>(result, values, { intent: name });
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

type View = ReturnType<typeof useLoaderData<typeof loader>>;

export default function StaffApplication() {
  const outlet = useOutlet();
  const view = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  // A child page (the decision) takes the whole screen rather than sitting under this one.
  if (outlet) return outlet;
  const { application, organisation } = view;
  const done = params.get("done");
  const current = view.rounds.find((r) => r.revision === application.currentRevision);

  return (
    <div>
      <p className="small">
        <Link to="/admin/applications">← Applications</Link>
      </p>
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
      {application.status === "awaiting_decision" ? (
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

      <Screening view={view} />
      <Reviewers view={view} />

      <section className="card" aria-labelledby="scores">
        <h2 id="scores">Scores</h2>
        {current ? <AggregateTable aggregate={current.aggregate} caption={`Scores of revision ${current.revision}`} /> : <p className="empty-state">No revision yet.</p>}
        {current && current.reviews.length > 0 ? (
          <div className="grid">
            {current.reviews.map((r) => (
              <article key={r.id} className="card">
                <h3>{r.reviewerName}</h3>
                <p>
                  <strong>{r.recommendation ? RECOMMENDATION_LABELS[r.recommendation] : "—"}</strong> · confidence{" "}
                  {r.confidence ? CONFIDENCE_LABELS[r.confidence].toLowerCase() : "—"}
                </p>
                <p style={{ whiteSpace: "pre-wrap" }}>{r.summary}</p>
              </article>
            ))}
          </div>
        ) : null}
        {view.rounds.length > 1 ? <Rounds view={view} /> : null}
      </section>

      <Disputes view={view} done={done} />

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
                <p style={{ whiteSpace: "pre-wrap" }}>{cr.message}</p>
                {cr.items.length > 0 ? (
                  <ul>
                    {cr.items.map((item, i) => (
                      <li key={i}>{item}</li>
                    ))}
                  </ul>
                ) : null}
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
        <CoverageMatrix courses={view.coverage.courses} />
      </section>

      <section className="card" aria-labelledby="documents">
        <h2 id="documents">Documents</h2>
        <DocumentsList applicationId={application.id} documents={view.documents} />
      </section>

      <section className="card" aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        {view.timeline.length === 0 ? (
          <p className="muted">Nothing recorded yet.</p>
        ) : (
          <ol className="timeline">
            {view.timeline.map((e) => (
              <li key={e.id}>
                <strong>{describeEvent(e.action, e.data)}</strong>
                <br />
                <span className="small muted">
                  {formatDateTime(e.occurredAt)} · {e.actorName ?? "system"}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function describeEvent(action: string, eventData: Record<string, unknown>): string {
  const s = (k: string) => (typeof eventData[k] === "string" || typeof eventData[k] === "number" ? String(eventData[k]) : "");
  switch (action) {
    case "application.submitted":
      return `Submitted revision ${s("revision")}`;
    case "application.resubmitted":
      return `Resubmitted as revision ${s("revision")}`;
    case "application.review_started":
      return "Review started";
    case "application.changes_requested":
      return "Changes requested";
    case "application.forwarded_to_board":
      return "Forwarded to the board";
    case "application.withdrawn":
      return "Withdrawn by the provider";
    case "review.reviewer_assigned":
      return `Reviewer assigned: ${s("reviewerName")}`;
    case "review.assignment_accepted":
      return "A reviewer accepted, declaring no conflict of interest";
    case "review.assignment_declined":
      return eventData.conflict ? "A reviewer declined, declaring a conflict of interest" : "A reviewer declined";
    case "review.submitted":
      return `Review submitted for revision ${s("revision")}`;
    case "review.mapping_disputed":
      return `Mapping disputed: ${s("competency")} in ${s("module")}`;
    case "review.dispute_resolved":
      return `Dispute ${eventData.resolution === "upheld" ? "upheld" : "dismissed"}: ${s("competency")} in ${s("module")}`;
    default:
      return action.replace(/[._]/g, " ");
  }
}

const DISPUTE_DONE: Record<string, string> = {
  dispute_upheld: "Dispute upheld. The mapping stays out of coverage, and the reviewer who raised it has been emailed.",
  dispute_dismissed: "Dispute dismissed. The mapping counts toward coverage again unless another dispute is open, and the reviewer who raised it has been emailed.",
};

function Disputes({ view, done }: { view: View; done: string | null }) {
  const open = view.disputes.flatMap((m) => m.disputes).filter((d) => d.state === "open").length;
  return (
    <section className="card" aria-labelledby="disputes">
      <h2 id="disputes">Mapping disputes</h2>
      {done && DISPUTE_DONE[done] ? (
        <p className="alert success" role="status">
          {DISPUTE_DONE[done]}
        </p>
      ) : null}
      {open > 0 && !view.canResolveDisputes ? (
        <p className="alert info">
          {view.permissions.screen
            ? `Disputes can be resolved while the application is submitted or under review; it is ${statusLabel(view.application.status).toLowerCase()}.`
            : "You belong to the applying organisation, so you cannot resolve its disputes."}
        </p>
      ) : null}
      <DisputeList
        mappings={view.disputes}
        empty="No reviewer disputes a mapping."
        actions={(m, d) =>
          d.state === "open" && view.canResolveDisputes ? <ResolveDisputeForm dispute={d} mapping={`${m.code} in ${m.moduleTitle}`} /> : null
        }
      />
    </section>
  );
}

/** Uphold or dismiss one open dispute, with the reason. Plain radios and a textarea: works without JavaScript. */
function ResolveDisputeForm({ dispute, mapping }: { dispute: DisputeItem; mapping: string }) {
  const actionData = useActionData<typeof action>();
  const mine = actionData?.intent === "resolve_dispute" && (actionData.values as Record<string, unknown>).disputeId === dispute.id;
  const serverErrors = mine ? actionData.errors : null;
  const echoed = mine ? (actionData.values as Record<string, unknown>) : {};
  const form = useValidatedForm(resolveDisputeSchema, {
    serverErrors,
    defaultValues: {
      intent: "resolve_dispute",
      disputeId: dispute.id,
      note: typeof echoed.note === "string" ? echoed.note : "",
      // The radios keep their own defaultChecked: a default value here would set their value attribute too.
    },
  });
  const chosen = typeof echoed.resolution === "string" ? echoed.resolution : "";
  const headingId = `resolve-${dispute.id}-heading`;
  const resolutionError = form.errorFor("resolution");
  return (
    <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId} className="small">
        Resolve {dispute.raisedByName}&apos;s dispute of {mapping}
      </h3>
      <ErrorSummary errors={serverErrors} />
      <input type="hidden" {...form.register("intent")} defaultValue="resolve_dispute" />
      <input type="hidden" {...form.register("disputeId")} defaultValue={dispute.id} />
      <fieldset className="field" aria-describedby={resolutionError ? `resolution-${dispute.id}-error` : undefined}>
        <legend>Outcome</legend>
        <div className="checks">
          <label>
            <input type="radio" value="upheld" defaultChecked={chosen === "upheld"} {...form.register("resolution")} /> Uphold: the mapping is wrong and stays out of coverage
          </label>
          <label>
            <input type="radio" value="dismissed" defaultChecked={chosen === "dismissed"} {...form.register("resolution")} /> Dismiss: the mapping stands and counts again
          </label>
        </div>
        {resolutionError ? (
          <p className="field-error" id={`resolution-${dispute.id}-error`}>
            {resolutionError}
          </p>
        ) : null}
      </fieldset>
      <Field
        id={`resolution-note-${dispute.id}`}
        label="Reason"
        hint="Emailed to the reviewer who raised the dispute; if you uphold it, the provider sees it too."
        error={form.errorFor("note")}
      >
        {(p) => <textarea {...p} {...form.register("note")} rows={3} />}
      </Field>
      <div>
        <button type="submit" className="button secondary">
          Resolve dispute
        </button>
      </div>
    </Form>
  );
}

function Screening({ view }: { view: View }) {
  const actionData = useActionData<typeof action>();
  const { application, gates, permissions } = view;
  const errorsFor = (intent: Intent) => (actionData?.intent === intent ? actionData.errors : null);
  // What was typed comes back in the HTML as well, so a refused form keeps it without JavaScript.
  const valueOf = (intent: Intent, name: string) => {
    const v = actionData?.intent === intent ? (actionData.values as Record<string, unknown>)[name] : undefined;
    return typeof v === "string" ? v : "";
  };
  const changes = useValidatedForm(requestChangesSchema, {
    serverErrors: errorsFor("request_changes"),
    defaultValues: { intent: "request_changes", ...(actionData?.intent === "request_changes" ? actionData.values : {}) },
  });
  const forward = useValidatedForm(forwardSchema, {
    serverErrors: errorsFor("forward"),
    defaultValues: { intent: "forward", ...(actionData?.intent === "forward" ? actionData.values : {}) },
  });
  const canStart = application.status === "submitted";
  const canRequest = application.status === "submitted" || application.status === "under_review";
  const canForward = application.status === "under_review";
  return (
    <section className="card" aria-labelledby="screening">
      <h2 id="screening">Screening</h2>
      {!permissions.screen ? (
        <p className="alert warn">You belong to the applying organisation, so you cannot screen or assign reviewers for this application.</p>
      ) : !canRequest ? (
        <p className="muted">Nothing to screen while the application is {statusLabel(application.status).toLowerCase()}.</p>
      ) : (
        <div className="stack">
          {canStart ? (
            <Form method="post" className="form" aria-labelledby="start-heading">
              <h3 id="start-heading">Start the review</h3>
              <ErrorSummary errors={errorsFor("start_review")} />
              <p>
                {gates.acceptedCount} of the {gates.minAccepted} required reviewers have accepted without a conflict of interest.
              </p>
              <input type="hidden" name="intent" value="start_review" />
              <div>
                <button type="submit" className="button">
                  Start review
                </button>
              </div>
            </Form>
          ) : null}
          {canForward ? (
            <Form method="post" className="form" onSubmit={forward.onSubmit} noValidate aria-labelledby="forward-heading">
              <h3 id="forward-heading">Forward to the board</h3>
              <ErrorSummary errors={errorsFor("forward")} />
              {gates.outstanding.length > 0 ? (
                <p className="alert warn">Waiting for reviews of revision {application.currentRevision} from: {gates.outstanding.join(", ")}.</p>
              ) : gates.activeReviewers > 0 ? (
                <p className="alert success">Every reviewer has submitted a review of revision {application.currentRevision}.</p>
              ) : null}
              <input type="hidden" {...forward.register("intent")} defaultValue="forward" />
              <Field id="recommendation" label="Recommendation to the board" hint="Summarise the reviews, flagged criteria and your recommendation." error={forward.errorFor("recommendation")}>
                {(p) => <textarea {...p} defaultValue={valueOf("forward", "recommendation")} {...forward.register("recommendation")} rows={5} />}
              </Field>
              <div>
                <button type="submit" className="button">
                  Forward to the board
                </button>
              </div>
            </Form>
          ) : null}
          <Form method="post" className="form" onSubmit={changes.onSubmit} noValidate aria-labelledby="changes-heading">
            <h3 id="changes-heading">Request changes</h3>
            <ErrorSummary errors={errorsFor("request_changes")} />
            <input type="hidden" {...changes.register("intent")} defaultValue="request_changes" />
            <Field id="message" label="Message to the provider" error={changes.errorFor("message")}>
              {(p) => <textarea {...p} defaultValue={valueOf("request_changes", "message")} {...changes.register("message")} rows={4} />}
            </Field>
            <Field id="items" label="What must change" hint="One item per line." error={changes.errorFor("items")}>
              {(p) => <textarea {...p} defaultValue={valueOf("request_changes", "items")} {...changes.register("items")} rows={4} />}
            </Field>
            <div>
              <button type="submit" className="button secondary">
                Request changes
              </button>
            </div>
          </Form>
        </div>
      )}
    </section>
  );
}

function Reviewers({ view }: { view: View }) {
  const actionData = useActionData<typeof action>();
  const serverErrors = actionData?.intent === "assign" ? actionData.errors : null;
  const form = useValidatedForm(assignSchema, {
    serverErrors,
    defaultValues: { intent: "assign", dueDate: view.defaultDueDate, ...(actionData?.intent === "assign" ? actionData.values : {}) },
  });
  const echoed = actionData?.intent === "assign" ? (actionData.values as Record<string, unknown>) : {};
  const chosen = typeof echoed.reviewerId === "string" ? echoed.reviewerId : "";
  const dueDate = typeof echoed.dueDate === "string" ? echoed.dueDate : view.defaultDueDate;
  const assignable = ["submitted", "under_review", "changes_requested"].includes(view.application.status) && view.permissions.assign;
  return (
    <section className="card" aria-labelledby="reviewers">
      <h2 id="reviewers">Reviewers</h2>
      {view.assignments.length === 0 ? (
        <p className="muted">No reviewer assigned yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Assigned reviewers</caption>
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col">Assignment</th>
                <th scope="col">Due</th>
                <th scope="col">Review of revision {view.application.currentRevision}</th>
                <th scope="col">Declaration</th>
              </tr>
            </thead>
            <tbody>
              {view.assignments.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.reviewerName}</th>
                  <td>
                    <AssignmentBadge status={a.status} />
                  </td>
                  <td>
                    {formatDate(a.dueAt)} {a.overdue ? <span className="badge bad">overdue</span> : null}
                  </td>
                  <td>{a.reviewStatus === "submitted" ? <span className="badge ok">Submitted</span> : a.reviewStatus === "draft" ? "Draft" : "—"}</td>
                  <td className="small">{a.conflictDeclaration ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {assignable ? (
        <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="assign-heading">
          <h3 id="assign-heading">Assign a reviewer</h3>
          <ErrorSummary errors={serverErrors} />
          <input type="hidden" {...form.register("intent")} defaultValue="assign" />
          <fieldset aria-describedby={form.errorFor("reviewerId") ? "reviewerId-error" : undefined}>
            <legend>Candidates</legend>
            <p className="hint">Sorted by expertise match, then by current load. Members of the applying organisation and reviewers who declared a conflict cannot be assigned.</p>
            {view.candidates.length === 0 ? (
              <p className="empty-state">No reviewers yet. Invite some from Invitations.</p>
            ) : (
              <div className="table-wrap" tabIndex={0}>
                <table>
                  <caption className="visually-hidden">Reviewer candidates</caption>
                  <thead>
                    <tr>
                      <th scope="col">Reviewer</th>
                      <th scope="col">Expertise match</th>
                      <th scope="col">Open assignments</th>
                      <th scope="col">Assignable</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.candidates.map((c) => {
                      const blocked = c.conflict !== null || c.alreadyAssigned;
                      return (
                        <tr key={c.id} className={blocked ? "muted" : undefined}>
                          <th scope="row">
                            <label>
                              <input type="radio" value={c.id} disabled={blocked} defaultChecked={chosen === c.id} {...form.register("reviewerId")} /> {c.name}
                            </label>
                            <br />
                            <span className="small muted">{c.email}</span>
                          </th>
                          <td>{c.matches.length > 0 ? c.matches.join(", ") : <span className="muted">{c.expertise.length > 0 ? `none (${c.expertise.join(", ")})` : "none declared"}</span>}</td>
                          <td>{c.load}</td>
                          <td>{c.conflict ? <span className="badge bad">Not assignable: {c.conflict}</span> : c.alreadyAssigned ? <span className="badge neutral">Already assigned</span> : <span className="badge ok">Yes</span>}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {form.errorFor("reviewerId") ? (
              <p className="field-error" id="reviewerId-error">
                {form.errorFor("reviewerId")}
              </p>
            ) : null}
          </fieldset>
          <Field id="dueDate" label="Due date" hint="Default: 28 days from today." error={form.errorFor("dueDate")}>
            {(p) => <input type="date" {...p} defaultValue={dueDate} {...form.register("dueDate")} />}
          </Field>
          <div>
            <button type="submit" className="button">
              Assign reviewer
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

/** Every round side by side: per criterion the mean and range of each revision's reviews. */
function Rounds({ view }: { view: View }) {
  const rounds = [...view.rounds].reverse();
  return (
    <>
      <h3>Rounds side by side</h3>
      <div className="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              {rounds.map((r) => (
                <th scope="col" key={r.revision}>
                  Revision {r.revision} ({plural(r.aggregate.reviewCount, "review")})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <code>{c.code}</code> {c.title}
                </th>
                {rounds.map((r) => {
                  const agg = r.aggregate.criteria.find((x) => x.criterion.id === c.id);
                  return (
                    <td key={r.revision}>
                      {agg && agg.mean !== null ? (
                        <>
                          {formatScore(agg.mean)} <span className="small muted">({formatScore(agg.min)}–{formatScore(agg.max)})</span>
                          {agg.flagged ? <span className="badge warn"> discuss</span> : null}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr>
              <th scope="row">Weighted total</th>
              {rounds.map((r) => (
                <td key={r.revision}>{formatPercent(r.aggregate.weightedTotal)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Any two revisions side by side (a plain GET form, so it works without JavaScript). */
function CompareRevisions({ view }: { view: View }) {
  const numbers = view.revisions.map((r) => r.number);
  const from = view.comparison?.from ?? view.application.currentRevision - 1;
  const to = view.comparison?.to ?? view.application.currentRevision;
  return (
    <>
      <h3 id="compare-heading">What changed between revisions</h3>
      <Form method="get" className="row filters" aria-labelledby="compare-heading">
        <div className="field">
          <label htmlFor="compare-from">From revision</label>
          <select id="compare-from" name="from" defaultValue={String(from)}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="compare-to">To revision</label>
          <select id="compare-to" name="to" defaultValue={String(to)}>
            {numbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button small secondary">
          Compare
        </button>
      </Form>
      {view.comparison ? (
        <RevisionDiff entries={view.comparison.entries} from={view.comparison.from} to={view.comparison.to} />
      ) : (
        <p className="muted">Choose two different revisions.</p>
      )}
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
