import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CriteriaTable, CriterionForm, criterionValuesFrom } from "~/components/admin/criterion-form";
import { DetailsForm, stepError, VersionEditorPage } from "~/components/admin/version-editor";
import { rubricCriterionSchema, rubricDetailsSchema } from "~/domain/admin-forms";
import { db } from "~/services/db.server";
import { notFound, requireStaff } from "~/services/request.server";
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
import { versionEditorAction, versionIdOf } from "~/services/version-editor.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `Rubric version ${d?.rubric.version ?? ""} · Administration` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const found = await getRubric(db, versionIdOf(params));
  if (!found) notFound();
  return { ...found, problems: found.rubric.status === "draft" ? rubricProblems(found.criteria) : [] };
}

/** The form's five descriptor fields, as the one list a criterion keeps. */
const criterionInput = rubricCriterionSchema.transform(({ descriptor0, descriptor1, descriptor2, descriptor3, descriptor4, ...rest }) => ({
  ...rest,
  descriptors: [descriptor0, descriptor1, descriptor2, descriptor3, descriptor4],
}));

export async function action({ request, params }: ActionFunctionArgs) {
  return versionEditorAction(request, params, {
    path: "/admin/rubric",
    ref: { field: "criterionId", missing: "Missing criterion" },
    item: { schema: criterionInput, code: (c) => c.code, add: addCriterion, update: updateCriterion, move: moveCriterion, remove: deleteCriterion },
    details: { schema: rubricDetailsSchema, save: (db, actorId, id, details) => updateRubricTitle(db, actorId, id, details.title) },
    publish: publishRubric,
    publishedQuery: () => "published=1",
    discard: deleteRubricDraft,
  });
}

export default function RubricVersionPage() {
  const { rubric, criteria, problems } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const isDraft = rubric.status === "draft";
  return (
    <VersionEditorPage
      back={{ to: "/admin/rubric", label: "All rubric versions" }}
      heading={`Rubric version ${rubric.version}`}
      status={rubric.status}
      version={rubric.version}
      messages={{
        created: `Draft version ${rubric.version} created.`,
        published: `Version ${rubric.version} is published; new applications are scored with it.`,
        saved: () => "Saved.",
      }}
      error={stepError(actionData, ["move", "delete", "publish", "discard"])}
      details={
        isDraft ? (
          <DetailsForm schema={rubricDetailsSchema} title={rubric.title} actionData={actionData?.intent === "details" ? actionData : null} />
        ) : (
          <p className="lede">{rubric.title}</p>
        )
      }
      items={{
        id: "criteria-heading",
        heading: "Criteria",
        count: criteria.length,
        empty: { title: "No criteria yet", draft: "Add the first criterion below.", done: "This version has no criteria." },
        table: <CriteriaTable version={rubric.version} criteria={criteria} edit={{ isDraft, editing: params.get("edit"), update: actionData?.intent === "update" ? actionData : null }} />,
      }}
      addForms={
        <section className="card" aria-labelledby="add-criterion-heading">
          <h2 id="add-criterion-heading">Add a criterion</h2>
          <CriterionForm
            idPrefix="add-criterion"
            intent="add"
            values={actionData?.intent === "add" && actionData.values ? criterionValuesFrom(actionData.values) : {}}
            serverErrors={actionData?.intent === "add" ? actionData.errors : null}
            submitLabel="Add criterion"
          />
        </section>
      }
      problems={problems}
      publishExplanation="Publishing retires the current rubric; applications already started keep theirs."
    />
  );
}


export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
