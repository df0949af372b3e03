import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { createRubricDraft, listRubrics } from "~/services/rubric.server";
import { createVersionDraft } from "~/services/version-editor.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { VersionListPage } from "~/components/admin/version-editor";

export const meta: MetaFunction = () => [{ title: "Rubric · Administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { rubrics: await listRubrics(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  return createVersionDraft(request, "/admin/rubric", createRubricDraft);
}

export default function RubricVersions() {
  const { rubrics } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <VersionListPage
      heading="Review rubric"
      base="/admin/rubric"
      lede="Reviewers score each criterion from 0 to 4; a review's score is weighted by the criteria weights. Applications keep the rubric they started with."
      error={actionData?.errors.form}
      caption="Rubric versions"
      rows={rubrics}
      versionOf={(r) => r.rubric}
      empty={
        <>
          <strong>No rubric yet</strong>Create a draft, add criteria, then publish it.
        </>
      }
      columns={[
        { header: "Criteria", cell: (r) => r.criteria },
        { header: "Total weight", cell: (r) => Number(r.totalWeight) },
        { header: "Applications", cell: (r) => r.applications },
      ]}
    />
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
