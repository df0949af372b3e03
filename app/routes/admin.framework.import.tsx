import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ImportError } from "~/domain/case-import";
import { readCasePackage } from "~/services/case.server";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { createDraftFromImport, frameworkDraftInProgress } from "~/services/framework-drafts.server";
import { readMultipart } from "~/services/uploads.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { SubmitButton } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Import a CASE package · Administration" }];

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { draft: (await frameworkDraftInProgress(db)) ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const read = await readMultipart(request, { maxPartSize: MAX_BYTES });
  if (!read.ok) {
    const message = read.reason === "too-large" ? "The file is larger than 5 MB" : "The upload could not be read. Choose the file again and resend the form.";
    return data({ errors: [{ path: "/", message }] as ImportError[] }, { status: read.reason === "malformed" ? 400 : 413 });
  }
  const formData = read.formData;
  const file = formData.get("package");
  if (!(file instanceof Blob) || file.size === 0) {
    return data({ errors: [{ path: "/", message: "Choose a CASE CFPackage JSON file" }] as ImportError[] }, { status: 400 });
  }
  const result = readCasePackage(await file.text());
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  const filename = "name" in file && typeof file.name === "string" ? file.name : "package.json";
  const draft = await createDraftFromImport(db, user.id, result.framework, filename);
  if (!draft.ok) return data({ errors: [{ path: "/", message: draft.message }] as ImportError[] }, { status: draft.status });
  const { summary } = result.framework;
  const notes = new URLSearchParams({ imported: "1" });
  for (const [key, value] of [["depth", summary.depth], ["folded", summary.foldedItems], ["mapped", summary.mappedIdentifiers], ["generated", summary.generatedCodes], ["defaulted", summary.defaultedLevels]] as const) {
    if (value > 0) notes.set(key, String(value));
  }
  return redirect(`/admin/framework/${draft.value.id}?${notes}`);
}

export default function ImportFramework() {
  const { draft } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? [];
  return (
    <>
      <p>
        <Link to="/admin/framework">All versions</Link>
      </p>
      <h1>Import a CASE 1.1 package</h1>
      <p className="lede">
        Upload a CFPackage JSON file. It is checked against the CASE 1.1 schema; a valid package becomes a new draft version with new identifiers,
        keeping the original URIs as provenance. Frameworks of any depth import: the items at the top become areas and the items at the bottom of each
        branch its competencies (the titles in between are kept as each competency&apos;s path). Items without a code get one from their place, and
        identifiers that are not UUIDs are mapped to stable UUIDs of their uri.
      </p>
      {errors.length > 0 ? (
        <div className="alert error" role="alert" tabIndex={-1}>
          <strong>
            The package was not imported: {errors.length} {errors.length === 1 ? "problem" : "problems"}.
          </strong>
          <ul className="import-errors">
            {errors.map((e, i) => (
              <li key={`${e.path}-${i}`}>
                <code>{e.path}</code> {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {draft ? (
        <p className="alert warn">
          Draft version {draft.version} is in progress. One draft is written at a time: <Link to={`/admin/framework/${draft.id}`}>continue draft version {draft.version}</Link>,
          or publish or delete it, before importing a package.
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="form card">
        <div className="field">
          <label htmlFor="package">CFPackage file (JSON, at most 5 MB)</label>
          <input id="package" name="package" type="file" accept="application/json,.json" required />
        </div>
        <SubmitButton row>Import as a new draft</SubmitButton>
      </Form>
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
