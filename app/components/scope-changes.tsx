import { Form } from "@remix-run/react";
import { ErrorSummary, Field, useValidatedForm, Options, SubmitButton, InputField, TextAreaField, CheckboxGroup } from "~/components/form";
import { DELIVERY_MODE_LABELS } from "~/domain/application-forms";
import { combinationKey, extendScopeSchema, reduceScopeSchema, SCOPE_CHANGE_KIND_LABELS, SCOPE_CHANGE_STATUS_LABELS, type ScopeChangeKind, type ScopeChangeStatus } from "~/domain/scope-changes";
import { formatDateTime, languageLabel, levelLabel, modeLabel } from "~/domain/format";
import type { FieldErrors } from "~/domain/forms";

type Combination = { courseId: string; courseTitle: string; level: string; language: string; mode: string };
export type FormAnswer = { formId?: string; errors: FieldErrors; values: Record<string, unknown> } | undefined;

export function ScopeChangeBadge({ status }: { status: ScopeChangeStatus }) {
  return <span className={`badge ${status === "approved" ? "ok" : status === "requested" ? "info" : status === "declined" ? "bad" : "neutral"}`}>{SCOPE_CHANGE_STATUS_LABELS[status]}</span>;
}

const combinationLine = (e: Combination) => `${e.courseTitle} · ${languageLabel(e.language)} · ${modeLabel(e.mode)}`;

export function ChangeSummary({ kind, entries }: { kind: ScopeChangeKind; entries: Combination[] }) {
  return (
    <>
      <strong>{SCOPE_CHANGE_KIND_LABELS[kind]}</strong> ({kind === "extension" ? "add" : "remove"} {entries.length}):
      <ul className="small">
        {entries.map((e) => (
          <li key={combinationKey(e)}>{combinationLine(e)}</li>
        ))}
      </ul>
    </>
  );
}

export function ExtendScopeForm({ courses, answer }: { courses: { id: string; title: string; level: string }[]; answer: FormAnswer }) {
  const mine = answer?.formId === "extend" ? answer : undefined;
  const defaultValues = { intent: "extend", courseId: "", languages: "", modes: [], reason: "", ...mine?.values };
  const form = useValidatedForm(extendScopeSchema, { serverErrors: mine?.errors, defaultValues });
  return (
    <Form method="post" className="form card" noValidate onSubmit={form.onSubmit} aria-labelledby="extend-heading">
      <h2 id="extend-heading">Extend the scope</h2>
      <p className="small">Add languages or delivery modes to an accredited course. The programme team reviews the new offerings before they are accredited.</p>
      <ErrorSummary errors={mine?.errors} />
      <input type="hidden" {...form.register("intent")} />
      <Field id="extend-course" label="Course" error={form.errorFor("courseId")}>
        {(p) => (
          <select {...p} {...form.register("courseId")}>
            <Options blank="Choose a course" choices={courses.map((c) => [c.id, `${c.title} (${levelLabel(c.level)})`])} />
          </select>
        )}
      </Field>
      <InputField form={form} name="languages" id="extend-languages" label="Languages" hint="Separated by commas, e.g. German, French" type="text" />
      <CheckboxGroup
        fieldId="extend-modes"
        legend="Delivery modes"
        options={Object.entries(DELIVERY_MODE_LABELS)}
        checked={defaultValues.modes}
        error={form.errorFor("modes")}
        inputProps={form.register("modes")}
      />
      <TextAreaField form={form} name="reason" id="extend-reason" label="Why, and who will teach it" hint="The trainers and materials for the new offerings." rows={3} />
      <SubmitButton>Request extension</SubmitButton>
    </Form>
  );
}

export function ReduceScopeForm({ scope, answer }: { scope: Combination[]; answer: FormAnswer }) {
  const mine = answer?.formId === "reduce" ? answer : undefined;
  const defaultValues = { intent: "reduce", remove: [], reason: "", ...mine?.values };
  const form = useValidatedForm(reduceScopeSchema, { serverErrors: mine?.errors, defaultValues });
  return (
    <Form method="post" className="form card" noValidate onSubmit={form.onSubmit} aria-labelledby="reduce-heading">
      <h2 id="reduce-heading">Reduce the scope</h2>
      <p className="small">Stop offering some accredited combinations. At least one must stay.</p>
      <ErrorSummary errors={mine?.errors} />
      <input type="hidden" {...form.register("intent")} />
      <CheckboxGroup
        fieldId="reduce-remove"
        legend="Combinations to remove"
        options={scope.map((e) => [combinationKey(e), combinationLine(e)])}
        checked={defaultValues.remove}
        error={form.errorFor("remove")}
        inputProps={form.register("remove")}
      />
      <TextAreaField form={form} name="reason" id="reduce-reason" label="Why" rows={3} />
      <SubmitButton className="button secondary">Request reduction</SubmitButton>
    </Form>
  );
}

export function ChangeHistory({ changes, withdrawable }: { changes: { id: string; kind: ScopeChangeKind; status: ScopeChangeStatus; entries: Combination[]; requestedAt: string | Date; decisionNote: string | null }[]; withdrawable: boolean }) {
  if (changes.length === 0) return <p className="muted">No scope changes requested yet.</p>;
  return (
    <ul className="stack">
      {changes.map((c) => (
        <li key={c.id} className="card">
          <p>
            <ScopeChangeBadge status={c.status} /> Requested {formatDateTime(c.requestedAt)}
          </p>
          <ChangeSummary kind={c.kind} entries={c.entries} />
          {c.decisionNote ? <p className="prewrap">From the programme team: {c.decisionNote}</p> : null}
          {withdrawable && c.status === "requested" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <input type="hidden" name="changeId" value={c.id} />
              <SubmitButton className="button small secondary">Withdraw request</SubmitButton>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
