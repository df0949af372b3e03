import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "~/services/db.server";
import { notFound, requireRecord } from "~/services/request.server";
import { appealForPanel, decideAppeal } from "~/services/appeals-panel.server";
import { decideAppealSchema } from "~/domain/appeals";
import { parseForm } from "~/domain/forms";
import { invalidForm, refusalResponse } from "~/http.server";
import { ErrorSummary, Field, useValidatedForm } from "~/components/form";
import { AppealDocuments, AppealPanel, AppealSummary, AppealTimeline } from "~/components/safeguards/appeal-parts";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Appeal · Board" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, appealForPanel, "board:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireRecord(request, params.id, appealForPanel, "board:access");
  const parsed = parseForm(await request.formData(), decideAppealSchema);
  if (!parsed.success) return invalidForm(parsed);
  const result = await decideAppeal(db, user, params.id ?? "", parsed.data);
  if (!result.ok) return result.status === 404 ? notFound() : refusalResponse(result, parsed.data);
  return redirect(`/board/appeals/${params.id}?decided=1`, 303);
}

const FINDINGS = [
  ["uphold", "Upheld: the decision stands"],
  ["overturn", "Overturned"],
] as const;

export default function PanelAppeal() {
  const { appeal, documents, organisation, original, timeline, panel, effect, actions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useValidatedForm(decideAppealSchema, { serverErrors: actionData?.errors, defaultValues: { reasons: actionData?.values?.reasons ?? "", finding: actionData?.values?.finding } });
  const findingError = form.errorFor("finding");
  return (
    <div className="stack">
      <p className="small">
        <Link to="/board/appeals">← Appeals you hear</Link>
      </p>
      <h1>Appeal of {organisation.name}</h1>
      {params.get("decided") ? (
        <p className="alert success" role="status">
          The panel&apos;s finding was recorded. The provider and staff have been emailed.
        </p>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      <AppealSummary appeal={appeal} original={original} />
      <AppealDocuments appealId={appeal.id} documents={documents} />
      <AppealPanel panel={panel} />
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
            {findingError ? (
              <p className="field-error" id="finding-error">
                {findingError}
              </p>
            ) : null}
          </fieldset>
          <Field id="reasons" label="The panel's reasons" hint="The provider reads them. At least 20 characters." error={form.errorFor("reasons")}>
            {(p) => <textarea rows={6} {...p} {...form.register("reasons")} />}
          </Field>
          <button type="submit" className="button">
            Record the finding
          </button>
        </Form>
      ) : null}
      <AppealTimeline events={timeline} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/board", label: "Back to the board" });
