import { randomUUID } from "node:crypto";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formDataToObject } from "~/domain/forms";
import { reportMaterialChangeSchema, respondMaterialChangeSchema } from "~/domain/material-changes";
import { MaterialChangeList, ReportChangeForm } from "~/components/material-changes";
import { parseIntentForm } from "~/http.server";
import { db } from "~/services/db.server";
import { refusedAnswer, requireRecord } from "~/services/request.server";
import { materialChangesForMember, reportMaterialChange, respondToMaterialChange } from "~/services/material-changes.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { doneNamed, StepAlerts } from "~/components/ui/step-alerts";
import { AccreditationPage } from "~/components/provider/accreditation-page";

export const meta: MetaFunction = () => [{ title: "Reported changes · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record: page } = await requireRecord(request, params.id, materialChangesForMember);
  // A fresh id for each showing of the form: posting it twice reports the change once.
  return { ...page, submissionId: randomUUID() };
}

const SCHEMAS = { report: reportMaterialChangeSchema, respond: respondMaterialChangeSchema } as const;

const DONE = { report: "Change reported. The programme team has been told and will review it.", respond: "Answer sent to the programme team." };

export async function action({ request, params }: ActionFunctionArgs) {
  // Not a member: the same 404 as the page, whatever was posted.
  const { user } = await requireRecord(request, params.id, materialChangesForMember);
  const id = params.id ?? "";
  const formData = await request.formData();
  const formIdOf = (intent: string) => (intent === "respond" ? `respond:${String(formData.get("changeId"))}` : "report");
  const parsed = parseIntentForm(formData, SCHEMAS, formIdOf);
  if (!parsed.ok) return parsed.answer;
  const d = parsed.data;
  const formId = formIdOf(d.intent);
  const result = d.intent === "report" ? await reportMaterialChange(db, user, id, d) : await respondToMaterialChange(db, user, d.changeId, d.response);
  if (!result.ok) return refusedAnswer<Record<string, unknown>, { formId: string }>(result, formDataToObject(formData), { formId });
  return redirect(`/provider/accreditations/${id}/changes?done=${d.intent}`);
}

export default function MaterialChanges() {
  const { accreditation: a, changes, canReport, submissionId } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <AccreditationPage heading={`Changes reported for certificate ${a.certificateNumber}`} accreditation={a}>
      <StepAlerts done={doneNamed(params, DONE)} error={answer?.formId && !answer.formId.startsWith("respond:") && answer.formId !== "report" ? answer.errors.form : undefined} />
      {canReport ? <ReportChangeForm key={submissionId} submissionId={submissionId} answer={answer} /> : <p className="alert info">This accreditation is no longer in force.</p>}
      <section aria-labelledby="reported-heading" className="stack">
        <h2 id="reported-heading">Reported changes</h2>
        <MaterialChangeList changes={changes} answer={answer} />
      </section>
    </AccreditationPage>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
