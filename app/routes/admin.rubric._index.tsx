import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { refusalResponse } from "~/http.server";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import { createRubricDraft, listRubrics } from "~/services/rubric.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { ListTable } from "~/components/ui/list-table";
import { VersionStatusBadge } from "~/components/admin/version-editor";

export const meta: MetaFunction = () => [{ title: "Rubric · Administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { rubrics: await listRubrics(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "create-draft") return refusalResponse(UNKNOWN_REQUEST);
  const result = await createRubricDraft(db, user.id);
  if (!result.ok) return refusalResponse(result);
  return redirect(`/admin/rubric/${result.value.id}?created=1`);
}

export default function RubricVersions() {
  const { rubrics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const published = rubrics.find((r) => r.rubric.status === "published");
  return (
    <>
      <div className="spread">
        <h1>Review rubric</h1>
        <Form method="post">
          <input type="hidden" name="intent" value="create-draft" />
          <button type="submit" className="button">
            {published ? `New draft from version ${published.rubric.version}` : "New empty draft"}
          </button>
        </Form>
      </div>
      <p className="lede">Reviewers score each criterion from 0 to 4; a review's score is weighted by the criteria weights. Applications keep the rubric they started with.</p>
      {actionData?.errors.form ? (
        <p className="alert error" role="alert">
          {actionData.errors.form}
        </p>
      ) : null}
      <ListTable
        caption="Rubric versions"
        rows={rubrics}
        rowKey={(r) => r.rubric.id}
        empty={
          <>
            <strong>No rubric yet</strong>Create a draft, add criteria, then publish it.
          </>
        }
        columns={[
          { header: "Version", cell: (r) => <Link to={`/admin/rubric/${r.rubric.id}`}>Version {r.rubric.version}</Link> },
          { header: "Title", cell: (r) => r.rubric.title },
          { header: "Status", cell: (r) => <VersionStatusBadge status={r.rubric.status} /> },
          { header: "Criteria", cell: (r) => r.criteria },
          { header: "Total weight", cell: (r) => Number(r.totalWeight) },
          { header: "Applications", cell: (r) => r.applications },
        ]}
      />
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
