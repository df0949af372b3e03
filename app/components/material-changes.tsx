import { Form, Link } from "@remix-run/react";
import { ErrorSummary, Field, useValidatedForm, Options, SubmitButton, InputField, TextAreaField } from "~/components/form";
import {
  MATERIAL_CHANGE_KIND_LABELS,
  MATERIAL_CHANGE_STATUS_LABELS,
  reportMaterialChangeSchema,
  respondMaterialChangeSchema,
  type MaterialChangeKind,
  type MaterialChangeStatus,
} from "~/domain/material-changes";
import { formatDate, formatDateTime } from "~/domain/format";
import type { FieldErrors } from "~/domain/forms";

export type FormAnswer = { formId?: string; errors: FieldErrors; values: Record<string, unknown> } | undefined;
type Change = { id: string; kind: MaterialChangeKind; status: MaterialChangeStatus; description: string; effectiveOn: string; response: string | null; reportedAt: string | Date; reviewNote: string | null; deltaApplicationId: string | null };

export function MaterialChangeBadge({ status }: { status: MaterialChangeStatus }) {
  const tone = status === "acknowledged" ? "ok" : status === "suspension_proposed" ? "bad" : status === "reported" ? "info" : "warn";
  return <span className={`badge ${tone}`}>{MATERIAL_CHANGE_STATUS_LABELS[status]}</span>;
}

export function ReportChangeForm({ submissionId, answer }: { submissionId: string; answer: FormAnswer }) {
  const mine = answer?.formId === "report" ? answer : undefined;
  const defaultValues = { intent: "report", submissionId, kind: "", effectiveOn: "", description: "", ...mine?.values };
  const form = useValidatedForm(reportMaterialChangeSchema, { serverErrors: mine?.errors, defaultValues });
  return (
    <Form method="post" className="form card" noValidate onSubmit={form.onSubmit} aria-labelledby="report-heading">
      <h2 id="report-heading">Report a change</h2>
      <p className="small">Tell the programme team within 30 days when something you were accredited on changes.</p>
      <ErrorSummary errors={mine?.errors} />
      <input type="hidden" {...form.register("intent")} />
      <input type="hidden" {...form.register("submissionId")} />
      <Field id="report-kind" label="What changed" error={form.errorFor("kind")}>
        {(p) => (
          <select {...p} {...form.register("kind")}>
            <Options blank="Choose what changed" choices={Object.entries(MATERIAL_CHANGE_KIND_LABELS)} />
          </select>
        )}
      </Field>
      <InputField form={form} name="effectiveOn" id="report-effectiveOn" label="Date of the change" type="date" />
      <TextAreaField form={form} name="description" id="report-description" label="Details" hint="Who or what changed, and how courses are covered now." rows={4} />
      <SubmitButton>Report change</SubmitButton>
    </Form>
  );
}

function RespondForm({ change, answer }: { change: Change; answer: FormAnswer }) {
  const formId = `respond:${change.id}`;
  const mine = answer?.formId === formId ? answer : undefined;
  const form = useValidatedForm(respondMaterialChangeSchema, { serverErrors: mine?.errors, defaultValues: { intent: "respond", changeId: change.id, response: "", ...mine?.values } });
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit} aria-label={`Answer about ${MATERIAL_CHANGE_KIND_LABELS[change.kind].toLowerCase()}`}>
      <ErrorSummary errors={mine?.errors} />
      <input type="hidden" {...form.register("intent")} />
      <input type="hidden" {...form.register("changeId")} />
      <TextAreaField form={form} name="response" id={`response-${change.id}`} label="Your answer" rows={3} />
      <SubmitButton className="button small">Send answer</SubmitButton>
    </Form>
  );
}

export function MaterialChangeList({ changes, answer }: { changes: Change[]; answer: FormAnswer }) {
  if (changes.length === 0) return <p className="muted">No changes reported yet.</p>;
  return (
    <ul className="stack">
      {changes.map((c) => (
        <li key={c.id} className="card">
          <p>
            <MaterialChangeBadge status={c.status} /> <strong>{MATERIAL_CHANGE_KIND_LABELS[c.kind]}</strong> on {formatDate(c.effectiveOn)} · reported{" "}
            {formatDateTime(c.reportedAt)}
          </p>
          <p className="prewrap">{c.description}</p>
          {c.reviewNote ? <p className="prewrap">From the programme team: {c.reviewNote}</p> : null}
          {c.response ? <p className="prewrap">Your answer: {c.response}</p> : null}
          {c.deltaApplicationId ? (
            <p>
              The programme team opened a delta review: <Link to={`/provider/applications/${c.deltaApplicationId}`}>revise the courses in the delta application</Link>.
            </p>
          ) : null}
          {c.status === "follow_up_requested" ? <RespondForm change={c} answer={answer} /> : null}
        </li>
      ))}
    </ul>
  );
}
