import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { createRubricDraft, listRubrics } from "~/services/rubric.server";
import { createVersionDraft } from "~/services/version-editor.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { VersionListPage, VersionStatusBadge } from "~/components/admin/version-editor";

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
      published={rubrics.find((r) => r.rubric.status === "published")?.rubric.version ?? null}
      lede="Reviewers score each criterion from 0 to 4; a review's score is weighted by the criteria weights. Applications keep the rubric they started with."
      error={actionData?.errors.form}
      table={{
        caption: "Rubric versions",
        rows: rubrics,
        rowKey: (r) => r.rubric.id,
        empty: (
          <>
            <strong>No rubric yet</strong>Create a draft, add criteria, then publish it.
          </>
        ),
        columns: [
          { header: "Version", cell: (r) => <Link to={`/admin/rubric/${r.rubric.id}`}>Version {r.rubric.version}</Link> },
          { header: "Title", cell: (r) => r.rubric.title },
          { header: "Status", cell: (r) => <VersionStatusBadge status={r.rubric.status} /> },
          { header: "Criteria", cell: (r) => r.criteria },
          { header: "Total weight", cell: (r) => Number(r.totalWeight) },
          { header: "Applications", cell: (r) => r.applications },
        ],
      }}
    />
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
