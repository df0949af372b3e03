import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CriterionForm } from "~/components/admin/criterion-form";
import { VersionItemActions, VersionPublishSection, VersionStatusBadge } from "~/components/admin/version-editor";
import { rubricCriterionSchema, rubricDetailsSchema } from "~/domain/admin-forms";
import { parseForm, typedValues, type FieldErrors } from "~/domain/forms";
import { db } from "~/services/db.server";
import { notFound, requireStaff } from "~/services/request.server";
import { refusalResponse } from "~/http.server";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import {
  addCriterion,
  deleteCriterion,
  deleteRubricDraft,
  getRubric,
  moveCriterion,
  publishRubric,
  rubricProblems,
  updateCriterion,
  updateRubricTitle,
} from "~/services/rubric.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { StepAlerts } from "~/components/ui/step-alerts";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `Rubric version ${d?.rubric.version ?? ""} · Administration` }];

const idParam = z.string().uuid();
const criterionRef = z.object({ criterionId: z.string().uuid("Missing criterion") });
const moveSchema = criterionRef.extend({ direction: z.enum(["up", "down"]) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const id = idParam.safeParse(params.id);
  if (!id.success) notFound();
  const found = await getRubric(db, id.data);
  if (!found) notFound();
  return { ...found, problems: found.rubric.status === "draft" ? rubricProblems(found.criteria) : [] };
}

type ActionResult = { intent: string; criterionId?: string; errors: FieldErrors; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const id = idParam.safeParse(params.id);
  if (!id.success) notFound();
  const rubricId = id.data;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/admin/rubric/${rubricId}`;
  const fail = (status: number, errors: FieldErrors, criterionId?: string) => data<ActionResult>({ intent, criterionId, errors, values: typedValues(formData) }, { status });

  switch (intent) {
    case "add":
    case "update": {
      const ref = intent === "update" ? criterionRef.safeParse({ criterionId: formData.get("criterionId") }) : null;
      if (ref && !ref.success) return fail(400, { form: "Missing criterion" });
      const parsed = parseForm(formData, rubricCriterionSchema);
      if (!parsed.success) return fail(400, parsed.errors, ref?.data?.criterionId);
      const { descriptor0, descriptor1, descriptor2, descriptor3, descriptor4, ...rest } = parsed.data;
      const input = { ...rest, descriptors: [descriptor0, descriptor1, descriptor2, descriptor3, descriptor4] };
      const result = ref ? await updateCriterion(db, user.id, rubricId, ref.data.criterionId, input) : await addCriterion(db, user.id, rubricId, input);
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, criterionId: ref?.data?.criterionId });
      return redirect(`${here}?saved=${encodeURIComponent(input.code)}`);
    }
    case "move":
    case "delete": {
      const parsed = intent === "move" ? parseForm(formData, moveSchema) : parseForm(formData, criterionRef);
      if (!parsed.success) return fail(400, { form: "Missing criterion" });
      const result =
        intent === "move"
          ? await moveCriterion(db, user.id, rubricId, parsed.data.criterionId, (parsed.data as z.infer<typeof moveSchema>).direction)
          : await deleteCriterion(db, user.id, rubricId, parsed.data.criterionId);
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, criterionId: undefined });
      return redirect(here);
    }
    case "details": {
      const parsed = parseForm(formData, rubricDetailsSchema);
      if (!parsed.success) return fail(400, parsed.errors);
      const result = await updateRubricTitle(db, user.id, rubricId, parsed.data.title);
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, criterionId: undefined });
      return redirect(`${here}?saved=details`);
    }
    case "publish": {
      const result = await publishRubric(db, user.id, rubricId);
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, criterionId: undefined });
      return redirect(`${here}?published=1`);
    }
    case "discard": {
      const result = await deleteRubricDraft(db, user.id, rubricId);
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, criterionId: undefined });
      return redirect("/admin/rubric");
    }
  }
  return refusalResponse(UNKNOWN_REQUEST, typedValues(formData), { intent, criterionId: undefined });
}

function valuesFrom(v: Record<string, string>) {
  return { ...v, descriptors: [v.descriptor0, v.descriptor1, v.descriptor2, v.descriptor3, v.descriptor4].map((x) => x ?? "") };
}

export default function RubricVersionPage() {
  const { rubric, criteria, problems } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const editing = params.get("edit");
  const isDraft = rubric.status === "draft";
  const totalWeight = criteria.reduce((s, c) => s + Number(c.weight), 0);
  const generalError = actionData && ["move", "delete", "publish", "discard", "details"].includes(actionData.intent) ? actionData.errors.form ?? actionData.errors.title : null;
  return (
    <>
      <p>
        <Link to="/admin/rubric">All rubric versions</Link>
      </p>
      <h1>
        Rubric version {rubric.version}{" "}
        <VersionStatusBadge status={rubric.status} />
      </h1>
      {params.get("created") ? (
        <p className="alert success" role="status">
          Draft version {rubric.version} created.
        </p>
      ) : null}
      {params.get("published") ? (
        <p className="alert success" role="status">
          Version {rubric.version} is published; new applications are scored with it.
        </p>
      ) : null}
      <StepAlerts done={params.get("saved") ? "Saved." : null} error={generalError} />
      {isDraft ? (
        <Form method="post" className="row card">
          <input type="hidden" name="intent" value="details" />
          <label htmlFor="rubric-title">Title</label>
          <input id="rubric-title" name="title" defaultValue={rubric.title} required />
          <button type="submit" className="button secondary">
            Save title
          </button>
        </Form>
      ) : (
        <p className="lede">{rubric.title}</p>
      )}

      <h2>Criteria</h2>
      {criteria.length === 0 ? (
        <div className="empty-state">
          <strong>No criteria yet</strong>
          {isDraft ? "Add the first criterion below." : "This version has no criteria."}
        </div>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Criteria of rubric version {rubric.version}</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Criterion</th>
                <th scope="col">Weight</th>
                <th scope="col">Scores 0–4</th>
                {isDraft ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {criteria.map((c, i) => (
                <tr key={c.id}>
                  <th scope="row">{c.code}</th>
                  <td>
                    <strong>{c.title}</strong>
                    {c.guidance ? <div className="small muted">{c.guidance}</div> : null}
                    {isDraft && (editing === c.id || (actionData?.intent === "update" && actionData.criterionId === c.id)) ? (
                      <div className="card inline-editor">
                        <h3>Edit {c.code}</h3>
                        <CriterionForm
                          idPrefix={`edit-${c.id}`}
                          intent="update"
                          criterionId={c.id}
                          values={actionData?.intent === "update" && actionData.criterionId === c.id && actionData.values ? valuesFrom(actionData.values) : c}
                          serverErrors={actionData?.intent === "update" && actionData.criterionId === c.id ? actionData.errors : null}
                          submitLabel={`Save ${c.code}`}
                        />
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {Number(c.weight)} <span className="small muted">({totalWeight > 0 ? Math.round((Number(c.weight) / totalWeight) * 100) : 0}%)</span>
                  </td>
                  <td>
                    <ol start={0} className="small descriptor-list">
                      {c.descriptors.map((d, score) => (
                        <li key={score}>{d}</li>
                      ))}
                    </ol>
                  </td>
                  {isDraft ? (
                    <td>
                      <VersionItemActions refName="criterionId" id={c.id} label={c.code} first={i === 0} last={i === criteria.length - 1} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {isDraft ? (
        <>
          <section className="card" aria-labelledby="add-criterion-heading">
            <h2 id="add-criterion-heading">Add a criterion</h2>
            <CriterionForm
              idPrefix="add-criterion"
              intent="add"
              values={actionData?.intent === "add" && actionData.values ? valuesFrom(actionData.values) : {}}
              serverErrors={actionData?.intent === "add" ? actionData.errors : null}
              submitLabel="Add criterion"
            />
          </section>
          <VersionPublishSection version={rubric.version} problems={problems} explanation="Publishing retires the current rubric; applications already started keep theirs." />
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
