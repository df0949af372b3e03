import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "~/services/db.server";
import { notFound, requireRecord } from "~/services/request.server";
import { appealForStaff, constitutePanel } from "~/services/appeals-panel.server";
import { constitutePanelSchema } from "~/domain/appeals";
import { parseForm } from "~/domain/forms";
import { invalidForm, refusalResponse } from "~/http.server";
import { ErrorSummary, useValidatedForm } from "~/components/form";
import { AppealDocuments, AppealPanel, AppealSummary, AppealTimeline } from "~/components/safeguards/appeal-parts";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Appeal · Administration" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, appealForStaff, "staff:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireRecord(request, params.id, appealForStaff, "staff:access");
  const parsed = parseForm(await request.formData(), constitutePanelSchema);
  if (!parsed.success) return invalidForm(parsed);
  const result = await constitutePanel(db, user, params.id ?? "", parsed.data);
  if (!result.ok) return result.status === 404 ? notFound() : refusalResponse(result, parsed.data);
  return redirect(`/admin/appeals/${params.id}?constituted=1`, 303);
}

export default function StaffAppeal() {
  const { appeal, documents, organisation, original, timeline, panel, candidates, actions, recordedTheDecision } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const chosen = (actionData?.values as { panel?: unknown } | undefined)?.panel;
  const form = useValidatedForm(constitutePanelSchema, { serverErrors: actionData?.errors, defaultValues: { panel: Array.isArray(chosen) ? chosen : [] } });
  const panelError = form.errorFor("panel");
  return (
    <div className="stack">
      <p className="small">
        <Link to="/admin/appeals">← Appeals</Link>
      </p>
      <h1>Appeal of {organisation.name}</h1>
      {params.get("constituted") ? (
        <p className="alert success" role="status">
          Panel constituted. Its members and the provider have been emailed.
        </p>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      <AppealSummary appeal={appeal} original={original} />
      <AppealDocuments appealId={appeal.id} documents={documents} />
      <AppealPanel panel={panel} />
      {recordedTheDecision && appeal.status === "lodged" ? (
        <p className="alert">You recorded the decision under appeal, so another member of staff constitutes the panel.</p>
      ) : null}
      {actions.includes("constitute_panel") ? (
        <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="constitute-heading">
          <h2 id="constitute-heading">Constitute the panel</h2>
          <fieldset aria-describedby={panelError ? "panel-error" : "panel-hint"}>
            <legend>Board members on the panel</legend>
            <p className="hint" id="panel-hint">
              Only board members with no part in the decision and no conflict with the provider can sit on the panel.
            </p>
            {candidates.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" value={c.id} disabled={c.barredBy !== null} {...form.register("panel")} /> {c.name}
                {c.barLabel ? <span className="muted"> (may not sit: {c.barLabel})</span> : null}
              </label>
            ))}
            {panelError ? (
              <p className="field-error" id="panel-error">
                {panelError}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className="button">
            Constitute the panel
          </button>
        </Form>
      ) : null}
      <AppealTimeline events={timeline} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
