import { data, redirect, unstable_parseMultipartFormData, unstable_createMemoryUploadHandler, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import type { ImportError } from "~/domain/case";
import { readCasePackage } from "~/services/case.server";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { createDraftFromImport } from "~/services/framework.server";

export const meta: MetaFunction = () => [{ title: "Import a CASE package · Administration" }];

const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_BYTES }));
  } catch {
    return data({ errors: [{ path: "/", message: "The file is larger than 5 MB" }] as ImportError[] }, { status: 413 });
  }
  const file = formData.get("package");
  if (!(file instanceof Blob) || file.size === 0) {
    return data({ errors: [{ path: "/", message: "Choose a CASE CFPackage JSON file" }] as ImportError[] }, { status: 400 });
  }
  const result = readCasePackage(await file.text());
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  const filename = "name" in file && typeof file.name === "string" ? file.name : "package.json";
  const draft = await createDraftFromImport(db, user.id, result.framework, filename);
  const note = result.framework.defaultedLevels > 0 ? `&defaulted=${result.framework.defaultedLevels}` : "";
  return redirect(`/admin/framework/${draft.id}?imported=1${note}`);
}

export default function ImportFramework() {
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
        keeping the original URIs. Items that are children of the document become areas, their children competencies.
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
      <Form method="post" encType="multipart/form-data" className="form card">
        <div className="field">
          <label htmlFor="package">CFPackage file (JSON, at most 5 MB)</label>
          <input id="package" name="package" type="file" accept="application/json,.json" required />
        </div>
        <div>
          <button type="submit" className="button">
            Import as a new draft
          </button>
        </div>
      </Form>
    </>
  );
}
