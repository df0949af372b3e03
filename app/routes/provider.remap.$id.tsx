import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formDataToObject, parseForm } from "~/domain/forms";
import { formatDate } from "~/domain/format";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import { remapModuleSchema } from "~/domain/remap";
import { REMAP_HISTORY_LABELS, RemapBadge, RemapDiff, RemapModules, RemapReplacedNotice } from "~/components/remap";
import { History } from "~/components/ui/history";
import { invalidForm, refusalResponse } from "~/http.server";
import { db } from "~/services/db.server";
import { requireRecord } from "~/services/request.server";
import { completeRemapTask, mapRemapModule, remapTaskForMember } from "~/services/remap.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { SubmitButton } from "~/components/form";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = () => [{ title: "Re-mapping task · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, remapTaskForMember)).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Not a member: the same 404 as the page, whatever was posted.
  const { user } = await requireRecord(request, params.id, remapTaskForMember);
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  const values = formDataToObject(formData);
  if (intent === "complete") {
    const result = await completeRemapTask(db, user, id);
    if (!result.ok) return refusalResponse<Record<string, unknown>, { formId: string }>(result, values, { formId: "complete" });
    return redirect(`/provider/remap/${id}?done=complete`);
  }
  if (intent !== "map") return refusalResponse(UNKNOWN_REQUEST, {}, { formId: intent });
  const formId = `map:${String(formData.get("moduleId"))}`;
  const parsed = parseForm(formData, remapModuleSchema);
  if (!parsed.success) return invalidForm(parsed, { formId });
  const result = await mapRemapModule(db, user, id, parsed.data);
  if (!result.ok) return refusalResponse<Record<string, unknown>, { formId: string }>(result, values, { formId });
  return redirect(`/provider/remap/${id}?done=map#module-${parsed.data.moduleId}`);
}

export default function RemapTaskPage() {
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const open = page.task.status === "open";
  const completeError = answer?.formId === "complete" || (answer?.formId && !answer.formId.startsWith("map:")) ? answer.errors.form : null;
  return (
    <div className="stack" style={{ maxWidth: "900px" }}>
      <BackLink to="/provider">Dashboard</BackLink>
      <h1>
        Re-map certificate {page.accreditation.certificateNumber} to framework version {page.to.version}
      </h1>
      <p>
        {page.organisationName} · <RemapBadge status={page.task.status} overdue={page.task.overdue} /> · due {formatDate(page.task.dueOn)}
      </p>
      {params.get("done") === "map" ? (
        <p className="alert success" role="status">
          Mapping saved.
        </p>
      ) : null}
      {params.get("done") === "complete" ? (
        <p className="alert success" role="status">
          Re-mapping completed. Your courses now follow version {page.to.version} in the directory and in your credential.
        </p>
      ) : null}
      <RemapReplacedNotice replacedBy={page.replacedBy} base="/provider/remap" />
      <RemapDiff diff={page.diff} from={page.from.version} to={page.to.version} />
      <RemapModules modules={page.modules} choices={page.choices} answer={answer} editable={open} />
      {open ? (
        <section aria-labelledby="complete-heading" className="card">
          <h2 id="complete-heading">Complete the re-mapping</h2>
          {page.problems.length > 0 ? (
            <ul className="small">
              {page.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : (
            <p className="small">Every module is mapped. Completing moves your accredited courses to version {page.to.version}.</p>
          )}
          <Form method="post" className="row">
            <SubmitButton name="intent" value="complete" aria-describedby={completeError ? "complete-error" : undefined}>Complete re-mapping</SubmitButton>
            {completeError ? (
              <p className="field-error" id="complete-error" role="alert">
                {completeError}
              </p>
            ) : null}
          </Form>
        </section>
      ) : null}
      <History events={page.timeline} labels={REMAP_HISTORY_LABELS} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
