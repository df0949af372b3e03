import type { ReactNode } from "react";
import { formatDate, applicationKindLabel } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { FieldErrors } from "~/domain/forms";
import { acceptSchema, declineSchema } from "~/domain/review-forms";
import { ErrorSummary, Field, useValidatedForm, FieldError, SubmitButton } from "~/components/form";
import { AssignmentBadge } from "~/components/review/status-badge";
import { StatusBadge } from "~/components/provider/status";
import { db } from "~/services/db.server";
import { parseIntentForm, refusalResponse } from "~/http.server";
import { requirePermission } from "~/services/request.server";
import { acceptAssignment, declineAssignment, reviewerQueue, type QueueItem } from "~/services/review-queue.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { StepAlerts } from "~/components/ui/step-alerts";
import { ListTable } from "~/components/ui/list-table";

export const meta: MetaFunction = () => [{ title: "My reviews · Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "review:access");
  return { queue: await reviewerQueue(db, user.id) };
}

const SCHEMAS = { accept: acceptSchema, decline: declineSchema };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "review:access");
  const formData = await request.formData();
  // Each request on the page is its own form, named by its assignment.
  const parsed = parseIntentForm(formData, SCHEMAS, () => String(formData.get("assignmentId") ?? ""));
  if (!parsed.ok) return parsed.answer;
  const d = parsed.data;
  const result = d.intent === "accept" ? await acceptAssignment(db, user, d.assignmentId) : await declineAssignment(db, user, d.assignmentId, d);
  if (!result.ok) return refusalResponse(result, {}, { formId: d.assignmentId });
  return redirect(d.intent === "accept" ? `/review/${d.assignmentId}` : "/review?declined=1");
}

export default function ReviewQueue() {
  const { queue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const pending = queue.filter((q) => q.status === "pending");
  const active = queue.filter((q) => q.status === "accepted" || q.status === "completed");
  const past = queue.filter((q) => q.status === "declined");
  return (
    <div className="page">
      <h1>My reviews</h1>
      <p className="lede">Applications the programme team asked you to review. Accept one only if you have no conflict of interest with the organisation.</p>
      <StepAlerts done={params.get("declined") ? "You declined the request. The programme team will assign someone else." : null} />

      <h2>Waiting for your answer</h2>
      {pending.length === 0 ? (
        <p className="empty-state">
          <strong>No new requests.</strong> When the programme team asks you to review an application, it appears here and you get an email.
        </p>
      ) : (
        <div className="stack">
          {pending.map((item) => (
            <PendingRequest key={item.id} item={item} errors={actionData?.formId === item.id ? actionData.errors : null} />
          ))}
        </div>
      )}

      <h2>Accepted</h2>
      <ListTable
        caption="Reviews you accepted"
        rows={active}
        empty="Nothing accepted yet."
        columns={[
          { header: "Organisation", cell: (item) => <Link to={`/review/${item.id}`}>{item.organisationName}</Link> },
          { header: "Application", cell: (item) => <StatusBadge status={item.applicationStatus} /> },
          { header: "Revision", cell: (item) => item.revision },
          {
            header: "Due",
            cell: (item) => (
              <>
                {formatDate(item.dueAt)} {item.overdue ? <span className="badge bad">overdue</span> : item.dueSoon ? <span className="badge warn">due soon</span> : null}
              </>
            ),
          },
          {
            header: "Your review",
            cell: (item) =>
              item.reviewStatus === "submitted" ? (
                <span className="badge ok">Submitted</span>
              ) : item.reviewStatus === "draft" ? (
                <span className="badge draft">Draft saved</span>
              ) : (
                <AssignmentBadge status={item.status} />
              ),
          },
        ]}
      />

      {past.length > 0 ? (
        <>
          <h2>Declined</h2>
          <ul>
            {past.map((item) => (
              <li key={item.id}>
                {item.organisationName} <span className="muted small">(declined)</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** One request to review: accept after declaring no conflict, or decline with a note (and maybe a conflict). */
function PendingRequest({ item, errors }: { item: Omit<QueueItem, "dueAt"> & { dueAt: string | Date }; errors: FieldErrors | null }) {
  const accept = useValidatedForm(acceptSchema, { serverErrors: errors, defaultValues: { intent: "accept", assignmentId: item.id } });
  const decline = useValidatedForm(declineSchema, { serverErrors: errors, defaultValues: { intent: "decline", assignmentId: item.id } });
  return (
    <section className="card" aria-labelledby={`req-${item.id}`}>
      <h3 id={`req-${item.id}`}>{item.organisationName}</h3>
      <p>
        {applicationKindLabel(item.kind)} application · due {formatDate(item.dueAt)}
        {item.overdue ? <span className="badge bad"> overdue</span> : null}
      </p>
      <p className="small muted">You can read the application once you have accepted.</p>
      <ErrorSummary errors={errors} />
      <div className="grid">
        <AnswerForm form={accept} legend="Accept" submit={<SubmitButton>Accept the review of {item.organisationName}</SubmitButton>}>
          <div className="checks">
            <label>
              <input
                type="checkbox"
                {...accept.register("noConflict")}
                aria-invalid={Boolean(accept.errorFor("noConflict"))}
                aria-describedby={accept.errorFor("noConflict") ? `nc-${item.id}-error` : undefined}
              />
              I declare that I have no conflict of interest with {item.organisationName}
            </label>
          </div>
          <FieldError fieldId={`nc-${item.id}`} error={accept.errorFor("noConflict")} />
        </AnswerForm>
        <AnswerForm form={decline} legend="Decline" submit={<SubmitButton className="button secondary">Decline the review of {item.organisationName}</SubmitButton>}>
          <div className="checks">
            <label>
              <input type="checkbox" {...decline.register("conflict")} />I have a conflict of interest with this organisation
            </label>
          </div>
          <Field
            id={`note-${item.id}`}
            label="Why you decline"
            hint="Describe the conflict (for example, you worked for them) or why you cannot take it on."
            error={decline.errorFor("note")}
          >
            {(p) => <textarea {...p} {...decline.register("note")} />}
          </Field>
        </AnswerForm>
      </div>
    </section>
  );
}

/** One answer to a request: a form that posts its intent and the assignment (the form's default values), its fields under `legend`. */
function AnswerForm({ form, legend, submit, children }: { form: ReturnType<typeof useValidatedForm>; legend: string; submit: ReactNode; children: ReactNode }) {
  return (
    <Form method="post" className="form" onSubmit={form.onSubmit} noValidate>
      <input type="hidden" {...form.register("intent")} />
      <input type="hidden" {...form.register("assignmentId")} />
      <fieldset>
        <legend>{legend}</legend>
        {children}
      </fieldset>
      {submit}
    </Form>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/review", label: "Back to your reviews" });
