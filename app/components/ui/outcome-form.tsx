import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ZodTypeAny } from "zod";
import type { FieldErrors } from "~/domain/forms";
import { ErrorSummary, RadioGroup, useValidatedForm, SubmitButton, TextAreaField } from "~/components/form";

/**
 * Staff's answer to a case a provider filed (an annual report, a material change, a scope change): one outcome and a
 * note to the provider, validated by the same schema as the action (its fields are `outcome` and `note`).
 */
export function OutcomeForm({
  schema,
  heading,
  outcomes,
  noteHint,
  submitLabel,
  answer,
  notice,
}: {
  schema: ZodTypeAny;
  heading: { id: string; text: string };
  outcomes: readonly (readonly [value: string, label: string])[];
  noteHint: string;
  submitLabel: string;
  /** The action's answer to this form, if it answered: its errors and what was typed. */
  answer?: { errors?: FieldErrors; values?: Record<string, unknown> };
  /** Said before the form's errors, such as why the change may not apply as asked. */
  notice?: ReactNode;
}) {
  const form = useValidatedForm(schema, { serverErrors: answer?.errors, defaultValues: { note: "", ...(answer?.values ?? {}) } });
  return (
    <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby={heading.id}>
      <h2 id={heading.id}>{heading.text}</h2>
      {notice}
      <ErrorSummary errors={answer?.errors} />
      <RadioGroup name="outcome" legend="Outcome" options={outcomes} error={form.errorFor("outcome")} inputProps={form.register("outcome")} />
      <TextAreaField form={form} name="note" label="Note to the provider" hint={noteHint} rows={4} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}

/** After staff recorded their review: what the case is now, and where to carry out a suspension they proposed. */
export function ReviewRecorded({ statusLabel, suspensionProposed, certificateNumber }: { statusLabel: string; suspensionProposed: boolean; certificateNumber: string }) {
  return (
    <p className="alert success" role="status">
      Review recorded: {statusLabel.toLowerCase()}. The provider has been emailed.
      {suspensionProposed ? (
        <>
          {" "}
          Suspend it from <Link to={`/admin/accreditations?q=${encodeURIComponent(certificateNumber)}`}>Accreditations</Link>.
        </>
      ) : null}
    </p>
  );
}
