import { Form } from "@remix-run/react";
import { Field, useValidatedForm, Options, SubmitButton, InputField, TextAreaField } from "~/components/form";
import { frameworkNodeSchema } from "~/domain/admin-forms";
import type { FieldErrors } from "~/domain/forms";
import { StepAlerts } from "~/components/ui/step-alerts";

type Area = { id: string; code: string; title: string };

export type NodeFormValues = {
  kind: "area" | "competency";
  parentId?: string | null;
  code?: string;
  title?: string;
  description?: string;
  level?: string | null;
  core?: boolean;
};

/** Add or edit an area or a competency of a draft framework version. */
export function FrameworkNodeForm({
  idPrefix,
  intent,
  nodeId,
  areas,
  values,
  serverErrors,
  submitLabel,
}: {
  idPrefix: string;
  intent: "add" | "update";
  nodeId?: string;
  areas: Area[];
  values: NodeFormValues;
  serverErrors?: FieldErrors | null;
  submitLabel: string;
}) {
  const form = useValidatedForm(frameworkNodeSchema, {
    serverErrors,
    defaultValues: { parentId: "", code: "", title: "", description: "", level: "", ...values, core: values.core === true },
  });
  const isArea = values.kind === "area";
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" {...form.register("kind")} defaultValue={values.kind} />
      {nodeId ? <input type="hidden" name="nodeId" value={nodeId} /> : null}
      <StepAlerts error={serverErrors?.form} />
      {isArea ? (
        <input type="hidden" {...form.register("parentId")} defaultValue="" />
      ) : (
        <Field id={id("parentId")} label="Area" error={form.errorFor("parentId")}>
          {(p) => (
            <select {...p} {...form.register("parentId")} defaultValue={values.parentId ?? ""}>
              <Options blank="Choose an area" choices={areas.map((a) => [a.id, `${a.code} ${a.title}`])} />
            </select>
          )}
        </Field>
      )}
      <InputField form={form} name="code" id={id("code")} label="Code" hint={isArea ? "Short and stable, like OWN" : "Area code, a dot and a number, like OWN.4"} defaultValue={values.code ?? ""} autoComplete="off" />
      <InputField form={form} name="title" id={id("title")} label="Title" defaultValue={values.title ?? ""} />
      <TextAreaField form={form} name="description" id={id("description")} label="Description" rows={3} defaultValue={values.description ?? ""} />
      {isArea ? (
        <input type="hidden" {...form.register("level")} defaultValue="" />
      ) : (
        <>
          <Field id={id("level")} label="Level" error={form.errorFor("level")}>
            {(p) => (
              <select {...p} {...form.register("level")} defaultValue={values.level ?? ""}>
                <option value="">Choose a level</option>
                <option value="foundation">Foundation</option>
                <option value="intermediate">Intermediate</option>
                <option value="advanced">Advanced</option>
              </select>
            )}
          </Field>
          <div className="checks">
            <label htmlFor={id("core")}>
              <input id={id("core")} type="checkbox" {...form.register("core")} defaultChecked={values.core === true} /> Core competency (every accredited course at this level must cover it)
            </label>
          </div>
        </>
      )}
      <SubmitButton row>{submitLabel}</SubmitButton>
    </Form>
  );
}
