import { Form } from "@remix-run/react";
import { VersionItemsTable, type ItemEditing } from "~/components/admin/version-editor";
import { Field, useValidatedForm, SubmitButton, InputField, TextAreaField } from "~/components/form";
import { rubricCriterionSchema } from "~/domain/admin-forms";
import type { FieldErrors } from "~/domain/forms";
import { StepAlerts } from "~/components/ui/step-alerts";

export type CriterionValues = { code?: string; title?: string; guidance?: string; weight?: string | number; descriptors?: string[] };

/** Add or edit one rubric criterion: code, title, guidance, weight and what each score 0–4 means. */
export function CriterionForm({
  idPrefix,
  intent,
  criterionId,
  values,
  serverErrors,
  submitLabel,
}: {
  idPrefix: string;
  intent: "add" | "update";
  criterionId?: string;
  values: CriterionValues;
  serverErrors?: FieldErrors | null;
  submitLabel: string;
}) {
  const d = values.descriptors ?? [];
  const defaults = {
    code: values.code ?? "",
    title: values.title ?? "",
    guidance: values.guidance ?? "",
    weight: values.weight === undefined ? "1" : String(values.weight),
    descriptor0: d[0] ?? "",
    descriptor1: d[1] ?? "",
    descriptor2: d[2] ?? "",
    descriptor3: d[3] ?? "",
    descriptor4: d[4] ?? "",
  };
  const form = useValidatedForm(rubricCriterionSchema, { serverErrors, defaultValues: defaults });
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value={intent} />
      {criterionId ? <input type="hidden" name="criterionId" value={criterionId} /> : null}
      <StepAlerts error={serverErrors?.form} />
      <div className="grid">
        <InputField form={form} name="code" id={id("code")} label="Code" hint="Like CUR" defaultValue={defaults.code} autoComplete="off" />
        <InputField form={form} name="weight" id={id("weight")} label="Weight" hint="A positive number; scores are weighted by it" defaultValue={defaults.weight} inputMode="decimal" />
      </div>
      <InputField form={form} name="title" id={id("title")} label="Title" defaultValue={defaults.title} />
      <TextAreaField form={form} name="guidance" id={id("guidance")} label="Guidance for reviewers" rows={2} defaultValue={defaults.guidance} />
      <fieldset>
        <legend>What each score means</legend>
        {([0, 1, 2, 3, 4] as const).map((score) => (
          <Field key={score} id={id(`descriptor${score}`)} label={`Score ${score}`} error={form.errorFor(`descriptor${score}`)}>
            {(p) => <input {...p} {...form.register(`descriptor${score}`)} defaultValue={defaults[`descriptor${score}`]} />}
          </Field>
        ))}
      </fieldset>
      <SubmitButton row>{submitLabel}</SubmitButton>
    </Form>
  );
}

/** What a refused criterion form echoes back, as the form's values (the five descriptors as one list). */
export function criterionValuesFrom(v: Record<string, string>): CriterionValues {
  return { ...v, descriptors: [v.descriptor0, v.descriptor1, v.descriptor2, v.descriptor3, v.descriptor4].map((x) => x ?? "") };
}

type Criterion = { id: string; code: string; title: string; guidance: string; weight: string | number; descriptors: string[] };

/** The criteria of one rubric version, in order, with each one's share of the weight; a draft's rows can be edited in place, moved and deleted. */
export function CriteriaTable({ version, criteria, edit }: { version: number; criteria: Criterion[]; edit: ItemEditing }) {
  const totalWeight = criteria.reduce((s, c) => s + Number(c.weight), 0);
  return (
    <VersionItemsTable
      caption={`Criteria of rubric version ${version}`}
      headers={["Criterion", "Weight", "Scores 0–4"]}
      items={criteria}
      edit={edit}
      refName="criterionId"
      label={(c) => c.code}
      position={(_, i) => ({ first: i === 0, last: i === criteria.length - 1 })}
      describe={(c) => ({ title: <strong>{c.title}</strong>, note: c.guidance })}
      editor={(c, retry) => (
        <CriterionForm
          idPrefix={`edit-${c.id}`}
          intent="update"
          criterionId={c.id}
          values={retry?.values ? criterionValuesFrom(retry.values) : c}
          serverErrors={retry?.errors}
          submitLabel={`Save ${c.code}`}
        />
      )}
      cells={(c) => [
        <>
          {Number(c.weight)} <span className="small muted">({totalWeight > 0 ? Math.round((Number(c.weight) / totalWeight) * 100) : 0}%)</span>
        </>,
        <ol key="descriptors" start={0} className="small descriptor-list">
          {c.descriptors.map((d, score) => (
            <li key={score}>{d}</li>
          ))}
        </ol>,
      ]}
    />
  );
}
