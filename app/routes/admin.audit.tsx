import { formatDateTime, isoDateTime } from "~/domain/format";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { checkAuditChain, listAuditEvents } from "~/services/audit-admin.server";
import { MatchCount, PageNav } from "~/components/admin/page-nav";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { DataTable } from "~/components/ui/list-table";
import { SubmitButton, SelectFilter } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Audit log · Administration" }];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(s)));
const filtersSchema = z.object({
  actor: z.string().trim().max(200).catch(""),
  entityType: z.string().trim().max(100).catch(""),
  entityId: z.string().trim().max(200).catch(""),
  action: z.string().trim().max(100).catch(""),
  from: isoDay.or(z.literal("")).catch(""),
  to: isoDay.or(z.literal("")).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filters = filtersSchema.parse(params);
  return { filters, ...(await listAuditEvents(db, filters)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const formData = await request.formData();
  if (formData.get("intent") !== "verify") return data({ check: null, error: "Unknown request" }, { status: 400 });
  return { check: await checkAuditChain(db, user.id), error: null };
}

export default function AuditLog() {
  const { filters, events, total, page, pageCount, entityTypes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const check = actionData?.check;
  return (
    <>
      <div className="spread">
        <h1>Audit log</h1>
        <Form method="post">
          <SubmitButton name="intent" value="verify" className="button secondary">Verify the hash chain</SubmitButton>
        </Form>
      </div>
      {check ? (
        check.ok ? (
          <p className="alert success" role="status">
            The chain is intact: {check.checked} events checked from the first to the last.
          </p>
        ) : (
          <div className="alert error" role="alert">
            <strong>The chain is broken at event #{check.brokenAt}</strong>: {check.reason}. {check.checked} events before it are intact.
          </div>
        )
      ) : null}
      <Form method="get" className="card audit-filters" aria-label="Filter events">
        <div className="grid">
          <div className="field">
            <label htmlFor="f-actor">Actor (name or email)</label>
            <input id="f-actor" name="actor" defaultValue={filters.actor} />
          </div>
          <div className="field">
            <SelectFilter id="f-entity" name="entityType" label="Entity type" value={filters.entityType} blank="Any" choices={entityTypes.map((t) => [t, t])} />
          </div>
          <div className="field">
            <label htmlFor="f-entity-id">Entity id</label>
            <input id="f-entity-id" name="entityId" defaultValue={filters.entityId} />
          </div>
          <div className="field">
            <label htmlFor="f-action">Action contains</label>
            <input id="f-action" name="action" defaultValue={filters.action} />
          </div>
          <div className="field">
            <label htmlFor="f-from">From (day)</label>
            <input id="f-from" name="from" type="date" defaultValue={filters.from} />
          </div>
          <div className="field">
            <label htmlFor="f-to">To (day, inclusive)</label>
            <input id="f-to" name="to" type="date" defaultValue={filters.to} />
          </div>
        </div>
        <div className="row">
          <SubmitButton className="button secondary">Filter</SubmitButton>
          <Link to="/admin/audit">Clear filters</Link>
        </div>
      </Form>
      <MatchCount total={total} noun="event" />
      {events.length === 0 ? (
        <div className="empty-state">
          <strong>No events match</strong>Widen the dates or clear a filter.
        </div>
      ) : (
        <DataTable caption="Audit events, newest first" headings={["#", "When (UTC)", "Actor", "Action", "Entity", "Data"]}>
          {events.map((e) => (
            <tr key={e.id} id={`event-${e.id}`} className={check && !check.ok && check.brokenAt === e.id ? "broken-link" : undefined}>
              <td>{e.id}</td>
              <td>
                <time dateTime={isoDateTime(e.occurredAt)}>{formatDateTime(e.occurredAt)}</time>
              </td>
              <td>{e.actor ? e.actor.email : <span className="muted">system</span>}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                <Link to={`?entityType=${encodeURIComponent(e.entityType)}&entityId=${encodeURIComponent(e.entityId)}`}>
                  {e.entityType} {e.entityId.length > 12 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
                </Link>
              </td>
              <td>
                <details>
                  <summary>Data</summary>
                  <pre className="audit-data">{JSON.stringify(e.data, null, 2)}</pre>
                  <p className="small muted">hash {e.hash.slice(0, 16)}…</p>
                </details>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <PageNav page={page} pageCount={pageCount} labels={["Newer", "Older"]} />
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
