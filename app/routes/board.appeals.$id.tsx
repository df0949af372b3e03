import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { recordFormAction, requireRecord } from "~/services/request.server";
import { appealForPanel, decideAppeal } from "~/services/appeals-panel.server";
import { decideAppealSchema } from "~/domain/appeals";
import { useValidatedForm, FieldError, SubmitButton, TextAreaField } from "~/components/form";
import { AppealCase } from "~/components/safeguards/appeal-parts";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Appeal · Board" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, appealForPanel, "board:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  return recordFormAction(request, params, { find: appealForPanel, permission: "board:access", schema: decideAppealSchema, step: decideAppeal, done: () => redirect(`/board/appeals/${params.id}?decided=1`, 303) });
}

const FINDINGS = [
  ["uphold", "Upheld: the decision stands"],
  ["overturn", "Overturned"],
] as const;

export default function PanelAppeal() {
  const record = useLoaderData<typeof loader>();
  const { effect, actions } = record;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useValidatedForm(decideAppealSchema, { serverErrors: actionData?.errors, defaultValues: { reasons: actionData?.values?.reasons ?? "", finding: actionData?.values?.finding } });
  const findingError = form.errorFor("finding");
  return (
    <AppealCase back={{ to: "/board/appeals", label: "Appeals you hear" }} record={record} done={params.get("decided") ? "The panel's finding was recorded. The provider and staff have been emailed." : null} errors={actionData?.errors}>
      {actions.length > 0 ? (
        <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="finding-form-heading">
          <h2 id="finding-form-heading">Record the panel&apos;s finding</h2>
          <p className="muted">Record it once the panel has agreed. If it is overturned: {effect}</p>
          <fieldset aria-describedby={findingError ? "finding-error" : undefined}>
            <legend>Finding</legend>
            {FINDINGS.filter(([value]) => actions.includes(value)).map(([value, label]) => (
              <label key={value} className="check">
                <input type="radio" value={value} {...form.register("finding")} /> {label}
              </label>
            ))}
            <FieldError fieldId="finding" error={findingError} />
          </fieldset>
          <TextAreaField form={form} name="reasons" label="The panel's reasons" hint="The provider reads them. At least 20 characters." rows={6} />
          <SubmitButton>Record the finding</SubmitButton>
        </Form>
      ) : null}
    </AppealCase>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/board", label: "Back to the board" });
