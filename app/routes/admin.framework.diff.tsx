import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { db } from "~/services/db.server";
import { diffVersions } from "~/services/framework.server";
import { notFound, requireStaff } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { DataTable } from "~/components/ui/list-table";

export const meta: MetaFunction = () => [{ title: "Compare framework versions · Administration" }];

const query = z.object({ from: z.string().uuid(), to: z.string().uuid() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const url = new URL(request.url);
  const parsed = query.safeParse({ from: url.searchParams.get("from"), to: url.searchParams.get("to") });
  if (!parsed.success) notFound("Choose two versions to compare");
  const result = await diffVersions(db, parsed.data.from, parsed.data.to);
  if (!result) notFound();
  return result;
}

export default function FrameworkDiffPage() {
  const { from, to, diff } = useLoaderData<typeof loader>();
  const none = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return (
    <>
      <p>
        <Link to="/admin/framework">All versions</Link>
      </p>
      <h1>
        Version {from.version} → version {to.version}
      </h1>
      <p className="lede">
        Competencies are matched by code. {diff.added.length} added, {diff.removed.length} removed, {diff.changed.length} changed, {diff.unchanged}{" "}
        unchanged.
      </p>
      {none ? (
        <div className="empty-state">
          <strong>No differences</strong>Both versions have the same areas and competencies.
        </div>
      ) : null}
      <DiffSection kind="added" title="Added" count={diff.added.length}>
        <ul>
          {diff.added.map((n) => (
            <li key={n.code}>
              <strong>{n.code}</strong> {n.title} <span className="muted">({n.kind}{n.level ? `, ${n.level}` : ""}{n.core ? ", core" : ""})</span>
            </li>
          ))}
        </ul>
      </DiffSection>
      <DiffSection kind="removed" title="Removed" count={diff.removed.length}>
        <ul>
          {diff.removed.map((n) => (
            <li key={n.code}>
              <strong>{n.code}</strong> {n.title}
            </li>
          ))}
        </ul>
      </DiffSection>
      <DiffSection kind="changed" title="Changed" count={diff.changed.length}>
        <DataTable headings={["Code", "Field", `Version ${from.version}`, `Version ${to.version}`]}>
          {diff.changed.flatMap((c) =>
            c.changes.map((ch, i) => (
              <tr key={`${c.code}-${ch.field}`}>
                {i === 0 ? (
                  <th scope="row" rowSpan={c.changes.length}>
                    {c.code}
                  </th>
                ) : null}
                <td>{ch.field}</td>
                <td>
                  <del>{ch.from}</del>
                </td>
                <td>
                  <ins>{ch.to}</ins>
                </td>
              </tr>
            )),
          )}
        </DataTable>
      </DiffSection>
    </>
  );
}

/** One kind of difference under its heading; nothing at all when the versions have none of that kind. */
function DiffSection({ kind, title, count, children }: { kind: string; title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section aria-labelledby={`${kind}-heading`}>
      <h2 id={`${kind}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
