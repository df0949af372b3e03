import { Form, useSearchParams } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import type { ZodTypeAny } from "zod";
import { ErrorSummary, SubmitButton, useValidatedForm, type ValidatedForm } from "~/components/form";
import type { FieldErrors } from "~/domain/forms";

/** "Saved" after a successful post-redirect-get, announced politely to screen readers. */
export function SavedNotice() {
  const [params] = useSearchParams();
  if (!params.get("saved")) return null;
  return (
    <p className="alert success" role="status">
      Saved.
    </p>
  );
}

/** Shown instead of the forms once the application is with the foundation. */
export function ReadOnlyNotice({ editable }: { editable: boolean }) {
  if (editable) return null;
  return <p className="alert info">This application is with the foundation, so it cannot be edited now. You can edit it again if changes are requested.</p>;
}

/** Which form on a page an action's answer belongs to (pages have one form per trainer, course, module…). */
export function answerFor<T extends { formId?: string }>(answer: T | undefined, formId: string): T | undefined {
  return answer?.formId === formId ? answer : undefined;
}

/**
 * The form of a section of an application, or of one of its rows (a trainer, a course, a module, or a new one): the
 * errors first, then a fieldset disabled while the application cannot be edited and named for screen readers, the
 * hidden fields the action needs (registered with the form), the fields, and the submit button last.
 */
export function SectionForm({
  form,
  errors,
  editable,
  legend,
  hidden,
  submit,
  children,
}: {
  form: Pick<ValidatedForm, "register" | "onSubmit">;
  errors?: FieldErrors | null;
  editable: boolean;
  legend: string;
  hidden: string[];
  submit: ReactNode;
  children: ReactNode;
}) {
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
      <ErrorSummary errors={errors} />
      <fieldset disabled={!editable} className="plain-fieldset form">
        <legend className="visually-hidden">{legend}</legend>
        {hidden.map((name) => (
          <input key={name} type="hidden" {...form.register(name)} />
        ))}
        {children}
        <SubmitButton row>{submit}</SubmitButton>
      </fieldset>
    </Form>
  );
}

/**
 * The card that adds a row to a section (a trainer, a course), there only while the application can be edited. Its
 * form starts afresh, empty, each time the section's number of `rows` changes (after a row is added).
 */
export function AddRowCard({ id, title, editable, rows, children }: { id: string; title: string; editable: boolean; rows: number; children: ReactNode }) {
  if (!editable) return null;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <Fragment key={rows}>{children}</Fragment>
    </section>
  );
}

/**
 * What differs between the form editing a row of a section and the form adding one: the form's id (its answer's
 * `formId`), schema and values, the prefix of its fields' ids, and its words and hidden fields for SectionForm.
 */
export type RowFormMode = { formId: string; schema: ZodTypeAny; values: Record<string, unknown>; idPrefix: string; legend: string; hidden: string[]; submit: string };

/**
 * The form of one row of a section (a trainer, a course, a module) or of a new one, as `mode` says: a SectionForm
 * showing the row's values, or what was typed when the action's answer to this form refused it. `children` draws the
 * fields, given the form, the fields' ids and the values shown.
 */
export function RowForm({
  answer,
  mode,
  editable,
  children,
}: {
  answer: { formId?: string; errors?: FieldErrors; values?: Record<string, unknown> } | undefined;
  mode: RowFormMode;
  editable: boolean;
  children: (form: ValidatedForm, id: (name: string) => string, values: Record<string, unknown>) => ReactNode;
}) {
  const mine = answerFor(answer, mode.formId);
  const values = { ...mode.values, ...mine?.values };
  const form = useValidatedForm(mode.schema, { serverErrors: mine?.errors, defaultValues: values });
  return (
    <SectionForm form={form} errors={mine?.errors} editable={editable} legend={mode.legend} hidden={mode.hidden} submit={mode.submit}>
      {children(form, (name) => `${mode.idPrefix}-${name}`, values)}
    </SectionForm>
  );
}
