import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { recordFormAction, requireRecord } from "~/services/request.server";
import { appealForStaff, constitutePanel } from "~/services/appeals-panel.server";
import { constitutePanelSchema } from "~/domain/appeals";
import { useValidatedForm, FieldError, SubmitButton } from "~/components/form";
import { AppealCase } from "~/components/safeguards/appeal-parts";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Appeal · Administration" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, appealForStaff, "staff:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  return recordFormAction(request, params, { find: appealForStaff, permission: "staff:access", schema: constitutePanelSchema, step: constitutePanel, done: () => redirect(`/admin/appeals/${params.id}?constituted=1`, 303) });
}

export default function StaffAppeal() {
  const record = useLoaderData<typeof loader>();
  const { appeal, candidates, actions, recordedTheDecision } = record;
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const chosen = (actionData?.values as { panel?: unknown } | undefined)?.panel;
  const form = useValidatedForm(constitutePanelSchema, { serverErrors: actionData?.errors, defaultValues: { panel: Array.isArray(chosen) ? chosen : [] } });
  const panelError = form.errorFor("panel");
  return (
    <AppealCase back={{ to: "/admin/appeals", label: "Appeals" }} record={record} done={params.get("constituted") ? "Panel constituted. Its members and the provider have been emailed." : null} errors={actionData?.errors}>
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
            <FieldError fieldId="panel" error={panelError} />
          </fieldset>
          <SubmitButton>Constitute the panel</SubmitButton>
        </Form>
      ) : null}
    </AppealCase>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
