import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FrameworkNodeForm } from "~/components/admin/framework-node-form";
import { DetailsForm, FrameworkTree, PinnedApplications } from "~/components/admin/framework-version";
import { VersionPublishSection, VersionStatusBadge } from "~/components/admin/version-editor";
import { frameworkDetailsSchema, frameworkNodeSchema } from "~/domain/admin-forms";
import { orderNodes } from "~/domain/case";
import { parseForm, typedValues, type FieldErrors } from "~/domain/forms";
import { db } from "~/services/db.server";
import { applicationsPinnedTo, getFramework } from "~/services/framework.server";
import { deleteDraft, publishFramework, publishProblems, updateDetails } from "~/services/framework-drafts.server";
import { addNode, deleteNode, moveNode, updateNode } from "~/services/framework-nodes.server";
import { refusalResponse } from "~/http.server";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import { notFound, requireStaff } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { StepAlerts } from "~/components/ui/step-alerts";

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
      if (!parsed.success) return data<ActionResult>({ intent, nodeId: nodeId?.data?.nodeId, errors: parsed.errors, values: typedValues(formData) }, { status: 400 });
      const result = nodeId ? await updateNode(db, user.id, frameworkId, nodeId.data.nodeId, parsed.data) : await addNode(db, user.id, frameworkId, parsed.data);
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, nodeId: nodeId?.data?.nodeId });
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
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, nodeId: undefined });
      return redirect(intent === "delete" ? `${here}?deleted=1` : here);
    }
    case "details": {
      const parsed = parseForm(formData, frameworkDetailsSchema);
      if (!parsed.success) return data<ActionResult>({ intent, errors: parsed.errors, values: typedValues(formData) }, { status: 400 });
      const result = await updateDetails(db, user.id, frameworkId, parsed.data);
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, nodeId: undefined });
      return redirect(`${here}?saved=details`);
    }
    case "publish": {
      const result = await publishFramework(db, user.id, frameworkId);
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, nodeId: undefined });
      return redirect(`${here}?published=1&remap=${result.value.remapTasks}`);
    }
    case "discard": {
      const result = await deleteDraft(db, user.id, frameworkId);
      if (!result.ok) return refusalResponse(result, typedValues(formData), { intent, nodeId: undefined });
      return redirect("/admin/framework");
    }
  }
  return refusalResponse(UNKNOWN_REQUEST, typedValues(formData), { intent, nodeId: undefined });
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
  
  return (
    <>
      <p>
        <Link to="/admin/framework">All versions</Link>
      </p>
      <div className="spread">
        <h1>
          Framework version {framework.version}{" "}
          <VersionStatusBadge status={framework.status} />
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
          Version {framework.version} is published. The previous version is retired; existing applications keep theirs.{" "}
          {Number(params.get("remap")) > 0 ? <Link to="/admin/remap">{params.get("remap")} accredited providers got a re-mapping task.</Link> : null}
        </p>
      ) : null}
      {params.get("saved") ? (
        <p className="alert success" role="status">
          Saved {params.get("saved") === "details" ? "the details" : params.get("saved")}.
        </p>
      ) : null}
      <StepAlerts done={params.get("deleted") ? "Deleted." : null} error={formError} />

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
          <FrameworkTree version={framework.version} nodes={ordered} areas={areas} isDraft={isDraft} editing={editing} update={actionData?.intent === "update" ? actionData : null} />
        )}
      </section>

      {isDraft ? null : <PinnedApplications pinned={pinned} />}

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

          <VersionPublishSection
            version={framework.version}
            problems={problems}
            explanation="Publishing makes this the version new applications use, and retires the current published version."
          />
        </>
      ) : null}
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
