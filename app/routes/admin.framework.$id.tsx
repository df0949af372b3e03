import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FrameworkNodeForm } from "~/components/admin/framework-node-form";
import { FrameworkTree, PinnedApplications } from "~/components/admin/framework-version";
import { DetailsForm, stepError, VersionEditorPage } from "~/components/admin/version-editor";
import { frameworkDetailsSchema, frameworkNodeSchema } from "~/domain/admin-forms";
import { orderNodes } from "~/domain/case";
import { db } from "~/services/db.server";
import { applicationsPinnedTo, getFramework } from "~/services/framework.server";
import { deleteDraft, publishFramework, publishProblems, updateDetails } from "~/services/framework-drafts.server";
import { addNode, deleteNode, moveNode, updateNode } from "~/services/framework-nodes.server";
import { notFound, requireStaff } from "~/services/request.server";
import { versionEditorAction, versionIdOf } from "~/services/version-editor.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `Framework version ${d?.framework.version ?? ""} · Administration` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const id = versionIdOf(params);
  const found = await getFramework(db, id);
  if (!found) notFound();
  const pinned = await applicationsPinnedTo(db, id);
  return { ...found, pinned, problems: found.framework.status === "draft" ? publishProblems(found.nodes) : [] };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return versionEditorAction(request, params, {
    path: "/admin/framework",
    ref: { field: "nodeId", missing: "Missing item" },
    item: { schema: frameworkNodeSchema, code: (n) => n.code, add: addNode, update: updateNode, move: moveNode, remove: deleteNode, removedQuery: "deleted=1" },
    details: { schema: frameworkDetailsSchema, save: updateDetails },
    publish: publishFramework,
    publishedQuery: (p) => `published=1&remap=${p.remapTasks}`,
    discard: deleteDraft,
  });
}

export default function FrameworkVersionPage() {
  const { framework, nodes, problems, pinned } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const isDraft = framework.status === "draft";
  const ordered = orderNodes(nodes);
  const areas = ordered.filter((n) => n.kind === "area");
  const addErrors = actionData?.intent === "add" ? actionData.errors : null;
  const addKind = actionData?.intent === "add" && actionData.values?.kind === "area" ? "area" : actionData?.intent === "add" ? "competency" : null;
  return (
    <VersionEditorPage
      back={{ to: "/admin/framework", label: "All versions" }}
      heading={`Framework version ${framework.version}`}
      status={framework.status}
      version={framework.version}
      aside={
        isDraft ? null : (
          <a className="button secondary" href={`/ims/case/v1p1/CFPackages/${framework.id}`}>
            CASE 1.1 package (JSON)
          </a>
        )
      }
      messages={{
        created: `Draft version ${framework.version} created. Edit it, then publish it.`,
        more: params.get("imported") ? (
          <p className="alert success" role="status">
            Imported as draft version {framework.version}.
            {params.get("depth") && Number(params.get("depth")) > 2
              ? ` The source tree had ${params.get("depth")} levels: its top items became areas and the items at the bottom competencies; ${params.get("folded")} items in between are kept as each competency's path.`
              : ""}
            {params.get("mapped") ? ` ${params.get("mapped")} identifiers were not CASE UUIDs and were mapped to stable UUIDs of their uri.` : ""}
            {params.get("generated") ? ` ${params.get("generated")} items had no usable code and got one from their place in the tree.` : ""}
            {params.get("defaulted") ? ` ${params.get("defaulted")} competencies had no level and were set to foundation: check them before publishing.` : ""}
          </p>
        ) : null,
        published: (
          <>
            Version {framework.version} is published. The previous version is retired; existing applications keep theirs.{" "}
            {Number(params.get("remap")) > 0 ? <Link to="/admin/remap">{params.get("remap")} accredited providers got a re-mapping task.</Link> : null}
          </>
        ),
        saved: (what) => `Saved ${what === "details" ? "the details" : what}.`,
      }}
      error={stepError(actionData, ["delete", "move", "publish", "discard"])}
      details={
        isDraft ? (
          <DetailsForm schema={frameworkDetailsSchema} title={framework.title} description={framework.description} actionData={actionData?.intent === "details" ? actionData : null} />
        ) : (
          <>
            <h2>{framework.title}</h2>
            {framework.description ? <p>{framework.description}</p> : null}
          </>
        )
      }
      items={{
        id: "tree-heading",
        heading: "Areas and competencies",
        count: ordered.length,
        empty: { title: "No areas yet", draft: "Add an area below, then its competencies.", done: "This version is empty." },
        table: <FrameworkTree version={framework.version} nodes={ordered} areas={areas} edit={{ isDraft, editing: params.get("edit"), update: actionData?.intent === "update" ? actionData : null }} />,
      }}
      afterItems={<PinnedApplications pinned={pinned} />}
      addForms={
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
                values={addKind === "competency" && actionData?.values ? { ...actionData.values, kind: "competency", core: actionData.values.core === "on" } : { kind: "competency" }}
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
      }
      problems={problems}
      publishExplanation="Publishing makes this the version new applications use, and retires the current published version."
    />
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
