import { Link } from "@remix-run/react";
import { FrameworkNodeForm } from "~/components/admin/framework-node-form";
import { VersionItemsTable, type ItemEditing } from "~/components/admin/version-editor";
import type { FrameworkNode } from "~/domain/case";
import { formatDate, humanize } from "~/domain/format";
import { DataTable } from "~/components/ui/list-table";

// The sections of the staff page for one framework version (routes/admin.framework.$id.tsx).

/** The areas and competencies of one version, in order; a draft's rows can be edited in place, moved and deleted (each among its siblings). */
export function FrameworkTree({
  version,
  nodes: ordered,
  areas,
  edit,
}: {
  version: number;
  nodes: FrameworkNode[];
  areas: FrameworkNode[];
  edit: ItemEditing;
}) {
  const siblingsOf = (parentId: string | null) => ordered.filter((n) => n.parentId === parentId);
  return (
    <VersionItemsTable
      caption={`Areas and competencies of version ${version}`}
      className="framework-tree"
      headers={["Title and description", "Level", "Core"]}
      items={ordered}
      edit={edit}
      refName="nodeId"
      label={(n) => `${n.code} ${n.title}`}
      position={(n) => {
        const siblings = siblingsOf(n.parentId);
        const index = siblings.findIndex((s) => s.id === n.id);
        return { first: index <= 0, last: index >= siblings.length - 1 };
      }}
      rowClassName={(n) => (n.kind === "area" ? "area-row" : "competency-row")}
      describe={(n) => ({ title: n.kind === "area" ? <strong>{n.title}</strong> : n.title, note: n.description })}
      editor={(n, retry) => (
        <FrameworkNodeForm
          idPrefix={`edit-${n.id}`}
          intent="update"
          nodeId={n.id}
          areas={areas}
          values={
            retry?.values
              ? { ...retry.values, kind: n.kind, core: retry.values.core === "on" }
              : { kind: n.kind, parentId: n.parentId, code: n.code, title: n.title, description: n.description, level: n.level, core: n.core }
          }
          serverErrors={retry?.errors}
          submitLabel={`Save ${n.code}`}
        />
      )}
      cells={(n) => [n.level ?? "—", n.kind === "area" ? "—" : n.core ? "Core" : "No"]}
    />
  );
}

type Pinned = { id: string; status: string; kind: string; createdAt: string | Date; organisation: string };

/** The applications written against this version. */
export function PinnedApplications({ pinned }: { pinned: Pinned[] }) {
  return (
    <section className="card" aria-labelledby="pinned-heading" style={{ marginTop: "1rem" }}>
      <h2 id="pinned-heading">Applications pinned to this version</h2>
      {pinned.length === 0 ? (
        <p className="muted">No application uses this version.</p>
      ) : (
        <DataTable headings={["Provider", "Kind", "Status", "Started"]}>
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
        </DataTable>
      )}
    </section>
  );
}

