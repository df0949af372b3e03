import { Fragment } from "react";
import { formatDate } from "~/domain/format";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { listFrameworks } from "~/services/framework.server";
import { createDraft } from "~/services/framework-drafts.server";
import { createVersionDraft } from "~/services/version-editor.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { VersionListPage } from "~/components/admin/version-editor";
import { Options, SubmitButton } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Competency framework · Administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { versions: await listFrameworks(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  return createVersionDraft(request, "/admin/framework", createDraft);
}

export default function FrameworkVersions() {
  const { versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <VersionListPage
      heading="Competency framework"
      base="/admin/framework"
      actions={
        <Link to="/admin/framework/import" className="button secondary">
          Import CASE package
        </Link>
      }
      lede="Versions go from draft to published to retired. One version is published at a time; each application keeps the version it was written against."
      error={actionData?.errors.form}
      caption="Framework versions"
      rows={versions}
      versionOf={(v) => v}
      empty={
        <>
          <strong>No framework yet</strong>Create an empty draft, or import a CASE 1.1 package.
        </>
      }
      columns={[
        { header: "Areas", cell: (v) => v.areaCount },
        { header: "Competencies", cell: (v) => v.competencyCount },
        { header: "Applications", cell: (v) => v.applicationCount },
        { header: "Published", cell: (v) => (v.publishedAt ? formatDate(v.publishedAt) : "—") },
        { header: "CASE", cell: (v) => (v.status === "draft" ? <span className="muted">not public</span> : <a href={`/ims/case/v1p1/CFPackages/${v.id}`}>CFPackage JSON</a>) },
      ]}
    >
      {versions.length >= 2 ? (
        <section className="card" aria-labelledby="compare-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="compare-heading">Compare two versions</h2>
          <Form method="get" action="/admin/framework/diff" className="row">
            {[
              { name: "from", label: "From", selected: versions[1].id },
              { name: "to", label: "to", selected: versions[0].id },
            ].map((end) => (
              <Fragment key={end.name}>
                <label htmlFor={`diff-${end.name}`}>{end.label}</label>
                <select id={`diff-${end.name}`} name={end.name} defaultValue={end.selected}>
                  <Options choices={versions.map((v) => [v.id, `Version ${v.version} (${v.status})`])} />
                </select>
              </Fragment>
            ))}
            <SubmitButton className="button secondary">Compare</SubmitButton>
          </Form>
        </section>
      ) : null}
    </VersionListPage>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
