import { formatDateTime } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { parseForm } from "~/domain/forms";
import { MatchCount, PageNav } from "~/components/admin/page-nav";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { refusalResponse } from "~/http.server";
import { UNKNOWN_REQUEST } from "~/domain/outcome";
import { listOutbox, renderOutboxEmail, retryFailedEmail, templateNames } from "~/services/outbox-admin.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { StepAlerts } from "~/components/ui/step-alerts";
import { DataTable } from "~/components/ui/list-table";
import { SubmitButton, SelectFilter } from "~/components/form";

// Also used by the page, so it is defined here rather than imported from the server module.
const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;

export const meta: MetaFunction = () => [{ title: "Emails · Administration" }];

const filtersSchema = z.object({
  status: z.enum(["", ...OUTBOX_STATUSES]).catch(""),
  template: z.string().max(100).catch(""),
  to: z.string().trim().max(254).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  view: z.string().uuid().optional().catch(undefined),
});
const retrySchema = z.object({ id: z.string().uuid("Missing email") });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, viewing] = await Promise.all([listOutbox(db, filters), filters.view ? renderOutboxEmail(db, filters.view) : Promise.resolve(null)]);
  return { ...list, filters, templates: templateNames(), viewing };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const formData = await request.formData();
  const parsed = parseForm(formData, retrySchema);
  if (formData.get("intent") !== "retry" || !parsed.success) return refusalResponse(UNKNOWN_REQUEST);
  const result = await retryFailedEmail(db, user.id, parsed.data.id);
  if (!result.ok) return refusalResponse(result);
  const url = new URL(request.url);
  url.searchParams.set("retried", "1");
  return redirect(url.pathname + url.search);
}

export default function AdminEmails() {
  const { emails, total, page, pageCount, counts, filters, templates, viewing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete("retried");
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next.toString()}`;
  };
  return (
    <>
      <h1>Emails</h1>
      <p className="lede">The outbox: every email is written here in the same transaction as the change that caused it, then sent by the worker.</p>
      <div className="stats">
        {OUTBOX_STATUSES.map((s) => (
          <Link key={s} to={link({ status: s, page: null, view: null })} className="stat">
            <strong>{counts[s]}</strong> {s}
          </Link>
        ))}
      </div>
      <StepAlerts done={params.get("retried") ? "The email is queued again and will be sent within seconds." : null} error={actionData?.errors.form} />
      {viewing ? (
        <article className="card mail-message" aria-labelledby="mail-subject">
          <div className="spread">
            <h2 id="mail-subject">{viewing.row.subject}</h2>
            <Link to={link({ view: null })}>Close</Link>
          </div>
          <p className="small">
            To {viewing.row.to} · template <code>{viewing.row.template}</code> · <span className={`badge ${viewing.row.status}`}>{viewing.row.status}</span>
          </p>
          {viewing.renderError ? (
            <p className="alert error">This email cannot be rendered: {viewing.renderError}</p>
          ) : (
            <>
              <h3>HTML version</h3>
              {/* Sandboxed with no permissions: the email's HTML cannot run script or reach this page. */}
              <iframe className="mail-frame" title={`HTML version of “${viewing.row.subject}”`} sandbox="" srcDoc={viewing.html ?? ""} />
              <h3>Text version</h3>
              <pre className="mail-text">{viewing.text}</pre>
            </>
          )}
        </article>
      ) : null}
      <Form method="get" className="row card" aria-label="Filter emails">
        <SelectFilter id="e-status" name="status" label="Status" value={filters.status} blank="Any" choices={OUTBOX_STATUSES.map((s) => [s, s])} />
        <SelectFilter id="e-template" name="template" label="Template" value={filters.template} blank="Any" choices={templates.map((t) => [t, t])} />
        <label htmlFor="e-to">Recipient</label>
        <input id="e-to" name="to" type="search" defaultValue={filters.to} />
        <SubmitButton className="button secondary">Filter</SubmitButton>
      </Form>
      <MatchCount total={total} noun="email" />
      {emails.length === 0 ? (
        <div className="empty-state">
          <strong>No emails match</strong>Clear a filter to see more.
        </div>
      ) : (
        <DataTable caption="Outbox, newest first" headings={["Created (UTC)", "Recipient", "Subject", "Template", "Status", "Attempts", "Last error", "Actions"]}>
          {emails.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.createdAt)}</td>
              <td>{e.to}</td>
              <td>{e.subject}</td>
              <td>
                <code>{e.template}</code>
              </td>
              <td>
                <span className={`badge ${e.status}`}>{e.status}</span>
                {e.status === "sent" ? <div className="small muted">{e.sentAt ? formatDateTime(e.sentAt) : "—"}</div> : null}
              </td>
              <td>{e.attempts}</td>
              <td className="small">{e.lastError ?? "—"}</td>
              <td>
                <div className="row">
                  <Link to={link({ view: e.id })} aria-label={`View the email to ${e.to}: ${e.subject}`}>
                    View
                  </Link>
                  {e.status === "failed" ? (
                    <Form method="post">
                      <input type="hidden" name="id" value={e.id} />
                      <SubmitButton name="intent" value="retry" className="button small" aria-label={`Retry the email to ${e.to}`}>Retry</SubmitButton>
                    </Form>
                  ) : null}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <PageNav page={page} pageCount={pageCount} drop={["retried"]} labels={["Newer", "Older"]} />
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
