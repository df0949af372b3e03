import { formatDateTime } from "~/domain/format";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, useValidatedForm, FieldError, SubmitButton, TextAreaField } from "~/components/form";
import { ChangeRequestText } from "~/components/change-request";
import { MissingList } from "~/components/provider/missing-list";
import { submitSchema, withdrawSchema } from "~/domain/application-forms";
import { parseForm, type FieldErrors } from "~/domain/forms";
import type { MissingItem } from "~/domain/completeness";
import { providerRoleOf, type SessionUser } from "~/domain/policy";
import { availableActions, type ApplicationStatus, type WorkflowAction } from "~/domain/workflow";
import { db } from "~/services/db.server";
import { refusedAnswer, requireUser } from "~/services/request.server";
import { applicationProgress, memberApplicationData, requireMemberApplication } from "~/services/applications.server";
import { listRevisions, openChangeRequest } from "~/services/provider-dashboard.server";
import { submitApplication, withdrawApplication } from "~/services/application-submission.server";
import { sectionErrorBoundary } from "~/components/route-error";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application, organisation } = await requireMemberApplication(request, params.id);
  const [{ missing }, changeRequest, revisions] = await Promise.all([
    memberApplicationData(request, { application, organisation }).then(applicationProgress),
    openChangeRequest(db, application.id),
    listRevisions(db, application.id),
  ]);
  return {
    id: application.id,
    status: application.status,
    actions: memberActions(user, application),
    unconfirmedEmail: user.emailVerified ? null : user.email,
    missing,
    changeRequest: application.status === "changes_requested" ? changeRequest : null,
    revisions,
  };
}

/** What this member may do next by the state table (submit or resubmit, withdraw); none for anyone outside the organisation. */
function memberActions(user: SessionUser, application: { organisationId: string; status: ApplicationStatus }): WorkflowAction[] {
  const role = providerRoleOf(user, application.organisationId);
  return role ? availableActions(application.status, role) : [];
}

type Answer = { form: "submit" | "withdraw"; errors: FieldErrors; values: Record<string, unknown>; missing?: MissingItem[] };

// The services read the application once, check access on that read (404 for anyone outside the
// organisation) and move it with compare-and-set, so the action only authenticates. A form that does not
// parse is answered only after the access check, so a stranger learns nothing from a 400.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "withdraw") {
    const parsed = parseForm(formData, withdrawSchema);
    if (!parsed.success) {
      await requireMemberApplication(request, id);
      return data<Answer>({ form: "withdraw", errors: parsed.errors, values: parsed.values }, { status: 400 });
    }
    const result = await withdrawApplication(db, user, id);
    if (!result.ok) return refusedAnswer<Record<string, unknown>, Pick<Answer, "form" | "missing">>(result, {}, { form: "withdraw" });
    return redirect(`/provider/applications/${id}?withdrawn=1`);
  }
  const parsed = parseForm(formData, submitSchema);
  if (!parsed.success) {
    await requireMemberApplication(request, id);
    return data<Answer>({ form: "submit", errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const result = await submitApplication(db, user, id, { response: parsed.data.response });
  if (!result.ok) {
    const missing = "missing" in result ? result.missing : undefined;
    return refusedAnswer<Record<string, unknown>, Pick<Answer, "form" | "missing">>(result, { response: parsed.data.response }, { form: "submit", missing });
  }
  return redirect(`/provider/applications/${id}?submitted=${result.value.revision}`);
}

export default function ApplicationOverview() {
  const { id, status, actions, unconfirmedEmail, missing, changeRequest, revisions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitAnswer = actionData?.form === "submit" ? actionData : undefined;
  const missingNow = submitAnswer?.missing ?? missing;
  const submit = actions.find((a) => a === "submit" || a === "resubmit");
  return (
    <>
      <h1>Review and submit</h1>
      {revisions.length > 0 && status === "submitted" ? (
        <p className="alert success" role="status">
          Submitted as revision {revisions[0].number} on {formatDateTime(revisions[0].submittedAt)}. We emailed you a confirmation; the programme team will
          screen it next.
        </p>
      ) : null}
      {status === "rejected" ? (
        <p className="alert">
          This application was rejected. You may <Link to="/provider/appeals">appeal against the rejection</Link> within the appeal window.
        </p>
      ) : null}
      {changeRequest ? (
        <section className="alert warn" aria-labelledby="change-request-heading">
          <h2 id="change-request-heading" style={{ marginTop: 0 }}>
            The foundation asked for changes
          </h2>
          <ChangeRequestText request={changeRequest} />
          <p>Edit the sections, then resubmit below with a response saying what you changed.</p>
        </section>
      ) : null}

      {submit ? (
        <>
          {missingNow.length > 0 ? (
            <section aria-labelledby="missing-heading" className="card">
              <h2 id="missing-heading">Still missing before you can submit</h2>
              <MissingList applicationId={id} missing={missingNow} />
            </section>
          ) : (
            <p className="alert success">Everything required is there. Check the sections once more, then submit.</p>
          )}
          {unconfirmedEmail ? (
            <p className="alert info">
              Before you submit, confirm your email address: open the link we sent to <strong>{unconfirmedEmail}</strong>, or{" "}
              <Link to="/verify-email">ask for a new one</Link>. The programme team writes to you there about this application.
            </p>
          ) : null}
          <SubmitForm key={status} resubmit={submit === "resubmit"} />
        </>
      ) : (
        <p className="muted">This application is with the foundation. You will be emailed at every step.</p>
      )}

      {revisions.length > 0 ? (
        <>
          <h2>Submitted revisions</h2>
          <ul>
            {revisions.map((r) => (
              <li key={r.number}>
                Revision {r.number} — {formatDateTime(r.submittedAt)}
                {r.response ? <p className="small muted">Response: {r.response}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {actions.includes("withdraw") ? <WithdrawForm /> : null}
      <p>
        <Link to="/provider">Back to the dashboard</Link>
      </p>
    </>
  );
}

function SubmitForm({ resubmit }: { resubmit: boolean }) {
  const actionData = useActionData<typeof action>();
  const mine = actionData?.form === "submit" ? actionData : undefined;
  const form = useValidatedForm(submitSchema, { serverErrors: mine?.errors, defaultValues: { intent: "submit", response: "", ...mine?.values } });
  return (
    <Form method="post" className="form card" noValidate onSubmit={form.onSubmit}>
      <ErrorSummary errors={mine && !mine.missing ? mine.errors : undefined} />
      <input type="hidden" {...form.register("intent")} />
      {resubmit ? (
        <TextAreaField form={form} name="response" label="Your response to the change request" hint="What you changed, section by section; reviewers read it with the new revision" rows={5} />
      ) : (
        <input type="hidden" {...form.register("response")} />
      )}
      <p className="small muted">Submitting freezes this version as a revision the reviewers read; you cannot edit it while it is with the foundation.</p>
      <SubmitButton row>{resubmit ? "Resubmit application" : "Submit application"}</SubmitButton>
    </Form>
  );
}

function WithdrawForm() {
  const actionData = useActionData<typeof action>();
  const mine = actionData?.form === "withdraw" ? actionData : undefined;
  const form = useValidatedForm(withdrawSchema, { serverErrors: mine?.errors, defaultValues: { intent: "withdraw" } });
  const error = form.errorFor("confirm");
  return (
    <details className="card" open={Boolean(mine)}>
      <summary>Withdraw this application</summary>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={mine?.errors} />
        <input type="hidden" {...form.register("intent")} />
        <p>Withdrawing ends this application for good. To apply again you start a new one.</p>
        <div className="field">
          <label className="check">
            <input type="checkbox" {...form.register("confirm")} aria-invalid={Boolean(error)} aria-describedby={error ? "confirm-error" : undefined} /> I understand and
            want to withdraw the application
          </label>
          <FieldError fieldId="confirm" error={error} />
        </div>
        <SubmitButton row className="button danger">Withdraw application</SubmitButton>
      </Form>
    </details>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
