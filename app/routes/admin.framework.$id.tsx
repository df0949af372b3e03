import { formatDate, humanize } from "~/domain/format";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field, useValidatedForm } from "~/components/form";
import { FrameworkNodeForm } from "~/components/admin/framework-node-form";
import { frameworkDetailsSchema, frameworkNodeSchema } from "~/domain/admin-forms";
import { orderNodes } from "~/domain/case";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { db } from "~/services/db.server";
import {
  addNode,
  applicationsPinnedTo,
  deleteDraft,
  deleteNode,
  getFramework,
  moveNode,
  publishFramework,
  publishProblems,
  updateDetails,
  updateNode,
} from "~/services/framework.server";
import { refusalResponse } from "~/http.server";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import { notFound, requireStaff } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `Framework version ${d?.framework.version ?? ""} · Administration` }];

const idParam = z.string().uuid();
const nodeRef = z.object({ nodeId: z.string().uuid("Missing item") });
const moveSchema = nodeRef.extend({ direction: z.enum(["up", "down"]) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const id = idParam.safeParse(params.id);
  if (!id.success) notFound();
  const found = await getFramework(db, id.data);
  if (!found) notFound();
  const pinned = await applicationsPinnedTo(db, id.data);
  return { ...found, pinned, problems: found.framework.status === "draft" ? publishProblems(found.nodes) : [] };
}

type ActionResult = { intent: string; nodeId?: string; errors: FieldErrors; values?: Record<string, string> };

/** What the person typed, echoed back so a refused form keeps it (strings only, never files). */
function echo(formData: FormData): Record<string, string> {
  return Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const id = idParam.safeParse(params.id);
  if (!id.success) notFound();
  const frameworkId = id.data;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/admin/framework/${frameworkId}`;

  switch (intent) {
    case "add":
    case "update": {
      const nodeId = intent === "update" ? nodeRef.safeParse({ nodeId: formData.get("nodeId") }) : null;
      if (nodeId && !nodeId.success) return data<ActionResult>({ intent, errors: { form: "Missing item" } }, { status: 400 });
      const parsed = parseForm(formData, frameworkNodeSchema);
      if (!parsed.success) return data<ActionResult>({ intent, nodeId: nodeId?.data?.nodeId, errors: parsed.errors, values: echo(formData) }, { status: 400 });
      const result = nodeId ? await updateNode(db, user.id, frameworkId, nodeId.data.nodeId, parsed.data) : await addNode(db, user.id, frameworkId, parsed.data);
      if (!result.ok) return refusalResponse(result, echo(formData), { intent, nodeId: nodeId?.data?.nodeId });
      return redirect(`${here}?saved=${encodeURIComponent(parsed.data.code)}`);
    }
    case "delete":
    case "move": {
      const parsed = intent === "move" ? parseForm(formData, moveSchema) : parseForm(formData, nodeRef);
      if (!parsed.success) return data<ActionResult>({ intent, errors: { form: "Missing item" } }, { status: 400 });
      const result =
        intent === "move"
          ? await moveNode(db, user.id, frameworkId, parsed.data.nodeId, (parsed.data as z.infer<typeof moveSchema>).direction)
          : await deleteNode(db, user.id, frameworkId, parsed.data.nodeId);
      if (!result.ok) return refusalResponse(result, echo(formData), { intent, nodeId: undefined });
      return redirect(intent === "delete" ? `${here}?deleted=1` : here);
    }
    case "details": {
      const parsed = parseForm(formData, frameworkDetailsSchema);
      if (!parsed.success) return data<ActionResult>({ intent, errors: parsed.errors, values: echo(formData) }, { status: 400 });
      const result = await updateDetails(db, user.id, frameworkId, parsed.data);
      if (!result.ok) return refusalResponse(result, echo(formData), { intent, nodeId: undefined });
      return redirect(`${here}?saved=details`);
    }
    case "publish": {
      const result = await publishFramework(db, user.id, frameworkId);
      if (!result.ok) return refusalResponse(result, echo(formData), { intent, nodeId: undefined });
      return redirect(`${here}?published=1`);
    }
    case "discard": {
      const result = await deleteDraft(db, user.id, frameworkId);
      if (!result.ok) return refusalResponse(result, echo(formData), { intent, nodeId: undefined });
      return redirect("/admin/framework");
    }
  }
  return refusalResponse(UNKNOWN_REQUEST, echo(formData), { intent, nodeId: undefined });
}

export default function FrameworkVersionPage() {
  const { framework, nodes, problems, pinned } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const editing = params.get("edit");
  const isDraft = framework.status === "draft";
  const ordered = orderNodes(nodes);
  const areas = ordered.filter((n) => n.kind === "area");
  const formError = actionData && ["delete", "move", "publish", "discard"].includes(actionData.intent) ? actionData.errors.form : null;
  const addErrors = actionData?.intent === "add" ? actionData.errors : null;
  const addKind = actionData?.intent === "add" && actionData.values?.kind === "area" ? "area" : actionData?.intent === "add" ? "competency" : null;
  const siblingsOf = (parentId: string | null) => ordered.filter((n) => n.parentId === parentId);

  return (
    <>
      <p>
        <Link to="/admin/framework">All versions</Link>
      </p>
      <div className="spread">
        <h1>
          Framework version {framework.version}{" "}
          <span className={`badge ${framework.status === "published" ? "active" : framework.status === "retired" ? "neutral" : "draft"}`}>{framework.status}</span>
        </h1>
        {isDraft ? null : (
          <a className="button secondary" href={`/ims/case/v1p1/CFPackages/${framework.id}`}>
            CASE 1.1 package (JSON)
          </a>
        )}
      </div>
      {params.get("created") ? (
        <p className="alert success" role="status">
          Draft version {framework.version} created. Edit it, then publish it.
        </p>
      ) : null}
      {params.get("imported") ? (
        <p className="alert success" role="status">
          Imported as draft version {framework.version}.
          {params.get("depth") && Number(params.get("depth")) > 2
            ? ` The source tree had ${params.get("depth")} levels: its top items became areas and the items at the bottom competencies; ${params.get("folded")} items in between are kept as each competency's path.`
            : ""}
          {params.get("mapped") ? ` ${params.get("mapped")} identifiers were not CASE UUIDs and were mapped to stable UUIDs of their uri.` : ""}
          {params.get("generated") ? ` ${params.get("generated")} items had no usable code and got one from their place in the tree.` : ""}
          {params.get("defaulted") ? ` ${params.get("defaulted")} competencies had no level and were set to foundation: check them before publishing.` : ""}
        </p>
      ) : null}
      {params.get("published") ? (
        <p className="alert success" role="status">
          Version {framework.version} is published. The previous version is retired; existing applications keep theirs.
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="alert success" role="status">
          Saved {params.get("saved") === "details" ? "the details" : params.get("saved")}.
        </p>
      ) : null}
      {params.get("deleted") ? (
        <p className="alert success" role="status">
          Deleted.
        </p>
      ) : null}
      {formError ? (
        <p className="alert error" role="alert">
          {formError}
        </p>
      ) : null}

      {isDraft ? <DetailsForm title={framework.title} description={framework.description} actionData={actionData?.intent === "details" ? actionData : null} /> : (
        <>
          <h2>{framework.title}</h2>
          {framework.description ? <p>{framework.description}</p> : null}
        </>
      )}

      <section aria-labelledby="tree-heading">
        <h2 id="tree-heading">Areas and competencies</h2>
        {ordered.length === 0 ? (
          <div className="empty-state">
            <strong>No areas yet</strong>
            {isDraft ? "Add an area below, then its competencies." : "This version is empty."}
          </div>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table className="framework-tree">
              <caption className="visually-hidden">Areas and competencies of version {framework.version}</caption>
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Title and description</th>
                  <th scope="col">Level</th>
                  <th scope="col">Core</th>
                  {isDraft ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {ordered.map((n) => {
                  const siblings = siblingsOf(n.parentId);
                  const index = siblings.findIndex((s) => s.id === n.id);
                  const label = `${n.code} ${n.title}`;
                  return (
                    <tr key={n.id} className={n.kind === "area" ? "area-row" : "competency-row"}>
                      <th scope="row">{n.code}</th>
                      <td>
                        {n.kind === "area" ? <strong>{n.title}</strong> : n.title}
                        {n.description ? <div className="small muted">{n.description}</div> : null}
                        {isDraft && (editing === n.id || (actionData?.intent === "update" && actionData.nodeId === n.id)) ? (
                          <div className="card inline-editor">
                            <h3>Edit {n.code}</h3>
                            <FrameworkNodeForm
                              idPrefix={`edit-${n.id}`}
                              intent="update"
                              nodeId={n.id}
                              areas={areas}
                              values={
                                actionData?.intent === "update" && actionData.nodeId === n.id && actionData.values
                                  ? { ...actionData.values, kind: n.kind, core: actionData.values.core === "on" }
                                  : { kind: n.kind, parentId: n.parentId, code: n.code, title: n.title, description: n.description, level: n.level, core: n.core }
                              }
                              serverErrors={actionData?.intent === "update" && actionData.nodeId === n.id ? actionData.errors : null}
                              submitLabel={`Save ${n.code}`}
                            />
                          </div>
                        ) : null}
                      </td>
                      <td>{n.level ?? "—"}</td>
                      <td>{n.kind === "area" ? "—" : n.core ? "Core" : "No"}</td>
                      {isDraft ? (
                        <td>
                          <div className="row">
                            <Link to={`?edit=${n.id}`} className="button small secondary" aria-label={`Edit ${label}`}>
                              Edit
                            </Link>
                            <Form method="post">
                              <input type="hidden" name="nodeId" value={n.id} />
                              <input type="hidden" name="direction" value="up" />
                              <button type="submit" name="intent" value="move" className="button small secondary" disabled={index <= 0} aria-label={`Move ${label} up`}>
                                ↑
                              </button>
                            </Form>
                            <Form method="post">
                              <input type="hidden" name="nodeId" value={n.id} />
                              <input type="hidden" name="direction" value="down" />
                              <button
                                type="submit"
                                name="intent"
                                value="move"
                                className="button small secondary"
                                disabled={index >= siblings.length - 1}
                                aria-label={`Move ${label} down`}
                              >
                                ↓
                              </button>
                            </Form>
                            <Form method="post">
                              <input type="hidden" name="nodeId" value={n.id} />
                              <button type="submit" name="intent" value="delete" className="button small danger" aria-label={`Delete ${label}`}>
                                Delete
                              </button>
                            </Form>
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {isDraft ? null : (
        <section className="card" aria-labelledby="pinned-heading" style={{ marginTop: "1rem" }}>
          <h2 id="pinned-heading">Applications pinned to this version</h2>
          {pinned.length === 0 ? (
            <p className="muted">No application uses this version.</p>
          ) : (
            <div className="table-wrap" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Provider</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                    <th scope="col">Started</th>
                  </tr>
                </thead>
                <tbody>
                  {pinned.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/admin/applications/${a.id}`}>{a.organisation}</Link>
                      </td>
                      <td>{a.kind}</td>
                      <td>
                        <span className={`badge ${a.status}`}>{humanize(a.status)}</span>
                      </td>
                      <td>{formatDate(a.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}

      {isDraft ? (
        <>
          <div className="grid admin-add-forms">
            <section className="card" aria-labelledby="add-competency-heading">
              <h2 id="add-competency-heading">Add a competency</h2>
              {areas.length === 0 ? (
                <p className="muted">Add an area first.</p>
              ) : (
                <FrameworkNodeForm
                  key={`add-competency-${addKind === "competency" ? "retry" : "new"}`}
                  idPrefix="add-competency"
                  intent="add"
                  areas={areas}
                  values={
                    addKind === "competency" && actionData?.values
                      ? { ...actionData.values, kind: "competency", core: actionData.values.core === "on" }
                      : { kind: "competency" }
                  }
                  serverErrors={addKind === "competency" ? addErrors : null}
                  submitLabel="Add competency"
                />
              )}
            </section>
            <section className="card" aria-labelledby="add-area-heading">
              <h2 id="add-area-heading">Add an area</h2>
              <FrameworkNodeForm
                idPrefix="add-area"
                intent="add"
                areas={areas}
                values={addKind === "area" && actionData?.values ? { ...actionData.values, kind: "area", core: false } : { kind: "area" }}
                serverErrors={addKind === "area" ? addErrors : null}
                submitLabel="Add area"
              />
            </section>
          </div>

          <section className="card" aria-labelledby="publish-heading">
            <h2 id="publish-heading">Publish</h2>
            {problems.length > 0 ? (
              <div className="alert warn">
                <strong>Not ready to publish:</strong>
                <ul>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p>Publishing makes this the version new applications use, and retires the current published version.</p>
            )}
            <div className="row">
              <Form method="post">
                <button type="submit" name="intent" value="publish" className="button" disabled={problems.length > 0}>
                  Publish version {framework.version}
                </button>
              </Form>
              <Form method="post">
                <button type="submit" name="intent" value="discard" className="button danger">
                  Delete this draft
                </button>
              </Form>
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}

function DetailsForm({ title, description, actionData }: { title: string; description: string; actionData: ActionResult | null }) {
  const form = useValidatedForm(frameworkDetailsSchema, { serverErrors: actionData?.errors, defaultValues: { title, description, ...(actionData?.values ?? {}) } });
  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="details" />
        <Field id="fw-title" label="Title" error={form.errorFor("title")}>
          {(p) => <input {...p} {...form.register("title")} defaultValue={title} />}
        </Field>
        <Field id="fw-description" label="Description" error={form.errorFor("description")}>
          {(p) => <textarea {...p} rows={2} {...form.register("description")} defaultValue={description} />}
        </Field>
        <div>
          <button type="submit" className="button secondary">
            Save details
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
