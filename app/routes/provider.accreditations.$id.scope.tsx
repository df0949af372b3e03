import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { formDataToObject } from "~/domain/forms";
import { extendScopeSchema, reduceScopeSchema, withdrawScopeChangeSchema } from "~/domain/scope-changes";
import { ChangeHistory, ExtendScopeForm, ReduceScopeForm } from "~/components/scope-changes";
import { ScopeTable } from "~/components/scope-table";
import { parseIntentForm } from "~/http.server";
import { db } from "~/services/db.server";
import { refusedAnswer, requireRecord } from "~/services/request.server";
import { requestScopeExtension, requestScopeReduction, scopeForMember, withdrawScopeChange } from "~/services/scope-changes.server";
import { startExtension } from "~/services/extensions.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { doneNamed, StepAlerts } from "~/components/ui/step-alerts";
import { AccreditationPage } from "~/components/provider/accreditation-page";
import { SubmitButton } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Scope of an accreditation · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, scopeForMember)).record;
}

const SCHEMAS = { extend: extendScopeSchema, reduce: reduceScopeSchema, withdraw: withdrawScopeChangeSchema, "add-course": z.object({ intent: z.literal("add-course") }) } as const;
const DONE = { extend: "Extension requested. The programme team has been told and will review it.", reduce: "Reduction requested. It applies once the programme team accepts it.", withdraw: "Request withdrawn." } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  // Not a member: the same 404 as the page, whatever was posted.
  const { user } = await requireRecord(request, params.id, scopeForMember);
  const id = params.id ?? "";
  const formData = await request.formData();
  const parsed = parseIntentForm(formData, SCHEMAS);
  if (!parsed.ok) return parsed.answer;
  const d = parsed.data;
  if (d.intent === "add-course") {
    // A new course is reviewed like an application (decision 039): open its short extension application.
    const started = await startExtension(db, user, id);
    if (started.ok) return redirect(`/provider/applications/${started.value.applicationId}/courses`);
    return refusedAnswer<Record<string, unknown>, { formId: string }>(started, {}, { formId: d.intent });
  }
  const result = d.intent === "extend" ? await requestScopeExtension(db, user, id, d) : d.intent === "reduce" ? await requestScopeReduction(db, user, id, d) : await withdrawScopeChange(db, user, d.changeId);
  if (!result.ok) {
    // Nothing typed is lost: the form comes back with what was posted.
    return refusedAnswer<Record<string, unknown>, { formId: string }>(result, formDataToObject(formData), { formId: d.intent });
  }
  return redirect(`/provider/accreditations/${id}/scope?done=${d.intent}`);
}

export default function AccreditationScope() {
  const { accreditation: a, courses, changes, canRequest } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const formError = answer && !["extend", "reduce"].includes(answer.formId) ? answer.errors.form : undefined;
  return (
    <AccreditationPage heading={`Scope of certificate ${a.certificateNumber}`} accreditation={a}>
      <StepAlerts done={doneNamed(params, DONE)} error={formError} />
      <ScopeTable scope={a.scope} caption="Accredited scope" />
      <section aria-labelledby="requests-heading" className="stack">
        <h2 id="requests-heading">Scope change requests</h2>
        <ChangeHistory changes={changes} withdrawable />
      </section>
      {a.status === "active" ? (
        <Form method="post" className="card stack" aria-labelledby="add-course-heading">
          <h2 id="add-course-heading">Add a new course</h2>
          <p className="small">
            A new course is assessed before it joins the scope: describe it, its syllabus modules, their mapping to the competencies, its
            languages and delivery modes in a short extension application. Reviewers score the new course only; what is already accredited
            stays as it is until the board decides.
          </p>
          <input type="hidden" name="intent" value="add-course" />
          <p>
            <SubmitButton>Start (or continue) an extension with a new course</SubmitButton>
          </p>
        </Form>
      ) : null}
      {canRequest ? (
        <>
          <ExtendScopeForm courses={courses} answer={answer} />
          {a.scope.length > 1 ? <ReduceScopeForm scope={a.scope} answer={answer} /> : null}
        </>
      ) : a.status === "active" ? (
        <p className="alert info">A request is awaiting a decision; you can ask for another change once it is decided or withdrawn.</p>
      ) : (
        <p className="alert info">Only an active accreditation&apos;s scope can change.</p>
      )}
    </AccreditationPage>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
