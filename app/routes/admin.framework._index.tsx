import { formatDate } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { refusalResponse } from "~/http.server";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import { listFrameworks } from "~/services/framework.server";
import { createDraft } from "~/services/framework-drafts.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { ListTable } from "~/components/ui/list-table";
import { VersionStatusBadge } from "~/components/admin/version-editor";

export const meta: MetaFunction = () => [{ title: "Competency framework · Administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { versions: await listFrameworks(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "create-draft") return refusalResponse(UNKNOWN_REQUEST);
  const result = await createDraft(db, user.id);
  if (!result.ok) return refusalResponse(result);
  return redirect(`/admin/framework/${result.value.id}?created=1`);
}

export default function FrameworkVersions() {
  const { versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const published = versions.find((v) => v.status === "published");
  return (
    <>
      <div className="spread">
        <h1>Competency framework</h1>
        <div className="row">
          <Form method="post">
            <input type="hidden" name="intent" value="create-draft" />
            <button type="submit" className="button">
              {published ? `New draft from version ${published.version}` : "New empty draft"}
            </button>
          </Form>
          <Link to="/admin/framework/import" className="button secondary">
            Import CASE package
          </Link>
        </div>
      </div>
      <p className="lede">
        Versions go from draft to published to retired. One version is published at a time; each application keeps the version it was written
        against.
      </p>
      {actionData?.errors.form ? (
        <p className="alert error" role="alert">
          {actionData.errors.form}
        </p>
      ) : null}
      <ListTable
        caption="Framework versions"
        rows={versions}
        rowKey={(v) => v.id}
        empty={
          <>
            <strong>No framework yet</strong>Create an empty draft, or import a CASE 1.1 package.
          </>
        }
        columns={[
          { header: "Version", cell: (v) => <Link to={`/admin/framework/${v.id}`}>Version {v.version}</Link> },
          { header: "Title", cell: (v) => v.title },
          { header: "Status", cell: (v) => <VersionStatusBadge status={v.status} /> },
          { header: "Areas", cell: (v) => v.areaCount },
          { header: "Competencies", cell: (v) => v.competencyCount },
          { header: "Applications", cell: (v) => v.applicationCount },
          { header: "Published", cell: (v) => (v.publishedAt ? formatDate(v.publishedAt) : "—") },
          { header: "CASE", cell: (v) => (v.status === "draft" ? <span className="muted">not public</span> : <a href={`/ims/case/v1p1/CFPackages/${v.id}`}>CFPackage JSON</a>) },
        ]}
      />
      {versions.length >= 2 ? (
        <section className="card" aria-labelledby="compare-heading" style={{ marginTop: "1.5rem" }}>
          <h2 id="compare-heading">Compare two versions</h2>
          <Form method="get" action="/admin/framework/diff" className="row">
            <label htmlFor="diff-from">From</label>
            <select id="diff-from" name="from" defaultValue={versions[1].id}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  Version {v.version} ({v.status})
                </option>
              ))}
            </select>
            <label htmlFor="diff-to">to</label>
            <select id="diff-to" name="to" defaultValue={versions[0].id}>
              {versions.map((v) => (
                <option key={v.id} value={v.id}>
                  Version {v.version} ({v.status})
                </option>
              ))}
            </select>
            <button type="submit" className="button secondary">
              Compare
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
