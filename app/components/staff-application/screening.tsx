import { Form } from "@remix-run/react";
import { forwardSchema, requestChangesSchema } from "~/domain/review-forms";
import { statusLabel } from "~/domain/workflow";
import { ErrorSummary, Field, useValidatedForm, SubmitButton } from "~/components/form";
import type { SectionProps, StaffIntent } from "./types";

/** Start the review, forward to the board, or request changes: what staff can do with the application now. */
export function Screening({ view, actionData }: SectionProps) {
  const { application, gates, permissions } = view;
  const errorsFor = (intent: StaffIntent) => (actionData?.intent === intent ? actionData.errors : null);
  // What was typed comes back in the HTML as well, so a refused form keeps it without JavaScript.
  const valueOf = (intent: StaffIntent, name: string) => {
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
  const canStart = view.actions.includes("start_review");
  const canRequest = view.actions.includes("request_changes");
  const canForward = view.actions.includes("forward_to_board");
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
              <SubmitButton row>Start review</SubmitButton>
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
              <SubmitButton row>Forward to the board</SubmitButton>
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
            <SubmitButton row className="button secondary">Request changes</SubmitButton>
          </Form>
        </div>
      )}
    </section>
  );
}

