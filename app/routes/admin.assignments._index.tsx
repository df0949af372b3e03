import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DEFAULT_MAX_LOAD, PROPOSAL_STATUS_LABELS, proposeSchema } from "~/domain/assignment-proposals";
import { DEFAULT_DUE_DAYS } from "~/domain/review-forms";
import { ErrorSummary, Field, useValidatedForm, FieldError, SubmitButton } from "~/components/form";
import { formatDate, formatDateTime } from "~/domain/format";
import { config } from "~/config.server";
import { db } from "~/services/db.server";
import { addDays, now } from "~/services/clock.server";
import { requirePermission, submitForm } from "~/services/request.server";
import { assignmentBatch, proposeAssignments } from "~/services/auto-assign.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Auto-assign reviewers · Staff · Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const batch = await assignmentBatch(db, user);
  return {
    ...batch,
    defaults: { reviewersPerApplication: config().MIN_ACCEPTED_REVIEWERS, maxLoad: DEFAULT_MAX_LOAD, dueDate: addDays(now(), DEFAULT_DUE_DAYS).toISOString().slice(0, 10) },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  return submitForm(await request.formData(), user, { schema: proposeSchema, step: proposeAssignments, done: (_input, proposal) => redirect(`/admin/assignments/${proposal.id}`) });
}

export default function AutoAssign() {
  const { applications, proposals, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const echoed = (actionData?.values ?? {}) as Record<string, unknown>;
  const chosen = echoed.applicationIds === undefined ? applications.map((a) => a.id) : ([] as unknown[]).concat(echoed.applicationIds).map(String);
  const form = useValidatedForm(proposeSchema, {
    serverErrors: actionData?.errors,
    defaultValues: { intent: "propose", ...defaults, ...echoed, applicationIds: chosen },
  });
  const appError = form.errorFor("applicationIds");
  return (
    <div>
      <h1>Auto-assign reviewers</h1>
      <p className="lede">
        Choose submitted applications; the portal proposes reviewers that best match each syllabus's competency areas, within a load limit, never a member of the
        applying organisation or a reviewer who declared a conflict. Nothing is sent until you approve the proposal.
      </p>
      {applications.length === 0 ? (
        <p className="empty-state">
          <strong>No submitted applications wait for reviewers.</strong> They appear here as soon as a provider submits.
        </p>
      ) : (
        <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="propose-heading">
          <h2 id="propose-heading">Propose an assignment</h2>
          <ErrorSummary errors={actionData?.errors} />
          <input type="hidden" {...form.register("intent")} />
          <fieldset aria-describedby={appError ? "applicationIds-error" : undefined}>
            <legend>Applications</legend>
            <ul className="plain">
              {applications.map((a) => (
                <li key={a.id}>
                  <label>
                    <input type="checkbox" value={a.id} defaultChecked={chosen.includes(a.id)} {...form.register("applicationIds")} /> {a.organisationName}
                  </label>{" "}
                  <span className="small muted">
                    submitted {a.submittedAt ? formatDate(a.submittedAt) : "—"} · {a.assigned} {a.assigned === 1 ? "reviewer" : "reviewers"} assigned
                  </span>
                </li>
              ))}
            </ul>
            <FieldError fieldId="applicationIds" error={appError} />
          </fieldset>
          <Field id="reviewersPerApplication" label="Reviewers per application" hint="Reviewers already assigned count toward this." error={form.errorFor("reviewersPerApplication")}>
            {(p) => <input type="number" inputMode="numeric" min={1} max={5} {...p} {...form.register("reviewersPerApplication")} />}
          </Field>
          <Field id="maxLoad" label="Most open assignments per reviewer" hint="Including the reviews they already have open." error={form.errorFor("maxLoad")}>
            {(p) => <input type="number" inputMode="numeric" min={1} max={50} {...p} {...form.register("maxLoad")} />}
          </Field>
          <Field id="dueDate" label="Due date" hint={`Default: ${DEFAULT_DUE_DAYS} days from today.`} error={form.errorFor("dueDate")}>
            {(p) => <input type="date" {...p} {...form.register("dueDate")} />}
          </Field>
          <SubmitButton>Propose reviewers</SubmitButton>
        </Form>
      )}
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent proposals</h2>
        {proposals.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <ul>
            {proposals.map((p) => (
              <li key={p.id}>
                <Link to={`/admin/assignments/${p.id}`}>{formatDateTime(p.createdAt)}</Link> · {p.applications} applications, {p.assignments} assignments ·{" "}
                {PROPOSAL_STATUS_LABELS[p.status]}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
