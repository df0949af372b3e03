import { daysLeftLabel, formatDate, plural } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { PageNav } from "~/components/admin/page-nav";
import { db } from "~/services/db.server";
import { invalidForm, refusalResponse } from "~/http.server";
import { requirePermission, safeRedirect } from "~/services/request.server";
import { changeAccreditationStatus, lifecycleActions } from "~/services/accreditations.server";
import { listAccreditations } from "~/services/accreditation-lists.server";
import { AccreditationStatusBadge } from "~/components/board/accreditation-status";
import { ConfirmSubmit } from "~/components/ui/confirm-submit";
import { longText, parseForm, uuid } from "~/domain/forms";
import { ACCREDITATION_STATUS_LABELS, EXPIRY_FILTERS, STATUS_FILTERS } from "~/domain/accreditation";
import { sectionErrorBoundary } from "~/components/route-error";
import { DataTable } from "~/components/ui/list-table";
import { SubmitButton, SelectFilter } from "~/components/form";
import { CertificateLink } from "~/components/certificate";

const PAGE_SIZE = 50;

const lifecycleSchema = z
  .object({
    intent: z.enum(["suspend", "reinstate", "revoke"], { errorMap: () => ({ message: "Choose an action" }) }),
    id: uuid("the accreditation"),
    reason: longText("the reason", { max: 2000 }),
    back: z.string().default("/admin/accreditations"),
    certificate: z.string().max(40).default(""),
    confirmCertificate: z.string().max(40).default(""),
  })
  // Revocation is final: the certificate number must be typed, so a slip of the mouse cannot revoke.
  .superRefine((v, ctx) => {
    if (v.intent === "revoke" && (v.certificate === "" || v.confirmCertificate.trim().toUpperCase() !== v.certificate.toUpperCase())) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["confirmCertificate"], message: `Type the certificate number${v.certificate ? ` ${v.certificate}` : ""} exactly to revoke it` });
    }
  });

const DONE: Record<string, string> = {
  suspend: "suspended. The directory and the verify page show it as suspended now; the organisation's members have been emailed.",
  reinstate: "reinstated. It reads as active again everywhere; the organisation's members have been emailed.",
  revoke: "revoked. This is final; the organisation's members have been emailed.",
};

export const meta: MetaFunction = () => [{ title: "Accreditations · Administration" }];

const EXPIRY_LABELS: Record<(typeof EXPIRY_FILTERS)[number], string> = { "30": "within 30 days", "90": "within 90 days", "365": "within a year" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const expiresParam = url.searchParams.get("expires");
  const status = STATUS_FILTERS.find((s) => s === statusParam) ?? null;
  const expiresWithin = EXPIRY_FILTERS.find((e) => e === expiresParam) ?? null;
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1);
  const { items, total } = await listAccreditations(db, { status, expiresWithin, q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return {
    items: items.map((i) => ({ ...i, actions: lifecycleActions(i.status) })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    filters: { status: status ?? "", expires: expiresWithin ?? "", q },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const parsed = parseForm(await request.formData(), lifecycleSchema);
  if (!parsed.success) return invalidForm(parsed, { id: String(parsed.values.id ?? "") });
  const { intent, id, reason, back } = parsed.data;
  const result = await changeAccreditationStatus(db, user, id, intent, reason);
  if (!result.ok) {
    return refusalResponse(result, parsed.data, { id });
  }
  const target = new URL(safeRedirect(back, "/admin/accreditations"), "http://local");
  target.searchParams.set("done", intent);
  target.searchParams.set("certificate", result.value.certificateNumber);
  return redirect(target.pathname + target.search);
}

export default function AdminAccreditations() {
  const { items, total, page, pages, filters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const certificate = params.get("certificate");
  const back = (() => {
    const p = new URLSearchParams(params);
    p.delete("done");
    p.delete("certificate");
    const s = p.toString();
    return `/admin/accreditations${s ? `?${s}` : ""}`;
  })();
  return (
    <div className="stack">
      <div className="spread">
        <h1>Accreditations</h1>
        <a href="/admin/export/accreditations" className="small" download>
          Export accreditations (CSV)
        </a>
      </div>
      {done && certificate && DONE[done] ? (
        <p className="alert success" role="status">
          Certificate {certificate} {DONE[done]}
        </p>
      ) : null}
      {actionData && !actionData.id ? <p className="alert error">{actionData.errors.form ?? "Please try again."}</p> : null}
      <Form method="get" className="form card" aria-label="Filter accreditations">
        <div className="row">
          <div className="field">
            <SelectFilter id="filter-status" name="status" label="Status" value={filters.status} blank="Any status" choices={STATUS_FILTERS.map((s) => [s, ACCREDITATION_STATUS_LABELS[s]])} />
          </div>
          <div className="field">
            <SelectFilter id="filter-expires" name="expires" label="Expires" value={filters.expires} blank="Any time" choices={EXPIRY_FILTERS.map((e) => [e, EXPIRY_LABELS[e]])} />
          </div>
          <div className="field">
            <label htmlFor="filter-q">Organisation or certificate</label>
            <input id="filter-q" name="q" type="search" defaultValue={filters.q} />
          </div>
          <SubmitButton className="button secondary">Filter</SubmitButton>
        </div>
      </Form>
      <p className="muted">
        {plural(total, "accreditation")}
        {filters.status || filters.expires || filters.q ? (total === 1 ? " matches the filters" : " match the filters") : ""}. Expired is never stored: a certificate reads as expired the day after its last valid day.
      </p>
      {items.length === 0 ? (
        <div className="empty-state">
          <strong>No accreditations{filters.status || filters.expires || filters.q ? " match these filters" : " yet"}.</strong>
          {filters.status || filters.expires || filters.q ? <Link to="/admin/accreditations">Clear the filters</Link> : "Accreditations appear here when staff record an accredited decision."}
        </div>
      ) : (
        <DataTable caption="Accreditations" headings={["Certificate", "Organisation", "Status", "Valid", "Scope", "Actions"]}>
          {items.map((a) => {
            const rowErrors = actionData && actionData.id === a.id ? actionData.errors : null;
            const rowIntent = rowErrors ? actionData?.values.intent : null;
            return (
              <tr key={a.id}>
                <th scope="row">
                  <CertificateLink number={a.certificateNumber} />
                </th>
                <td>
                  <Link to={`/providers/${a.organisationSlug}`}>{a.organisationName}</Link>
                </td>
                <td>
                  <AccreditationStatusBadge status={a.status} />
                  {a.statusReason && (a.status === "suspended" || a.status === "revoked") ? <div className="small">{a.statusReason}</div> : null}
                </td>
                <td>
                  {formatDate(a.validFrom)} to {formatDate(a.validUntil)}
                  {a.status === "active" || a.status === "expired" ? <div className="small muted">{daysLeftLabel(a.daysLeft)}</div> : null}
                </td>
                <td>
                  {plural(a.scopeCount, "combination")}
                  {a.conditions ? <div className="small">Conditions: {a.conditions}</div> : null}
                </td>
                <td>
                  {rowErrors ? (
                    <p className="field-error" role="alert">
                      {rowErrors.form ?? "Check the fields below."}
                    </p>
                  ) : null}
                  {a.actions.includes("reinstate") ? (
                    <Form method="post">
                      <input type="hidden" name="id" value={a.id} />
                      <input type="hidden" name="back" value={back} />
                      <input type="hidden" name="reason" value="" />
                      <button type="submit" name="intent" value="reinstate" className="button small">
                        Reinstate <span className="visually-hidden">{a.certificateNumber}</span>
                      </button>
                    </Form>
                  ) : null}
                  {a.actions.includes("suspend") || a.actions.includes("revoke") ? (
                    // Keyed by status: after a suspension the panel closes and its reason is cleared.
                    <details key={`${a.id}-${a.status}`} open={Boolean(rowErrors)}>
                      <summary>
                        {a.actions.includes("suspend") ? "Suspend or revoke" : "Revoke"} <span className="visually-hidden">{a.certificateNumber}</span>
                      </summary>
                      {a.actions.includes("suspend") ? (
                        <Form method="post" className="form">
                          <input type="hidden" name="id" value={a.id} />
                          <input type="hidden" name="back" value={back} />
                          <ReasonField
                            id={`reason-${a.id}`}
                            label={`Reason for ${a.certificateNumber}`}
                            hint="The provider is told it; a suspension shows on the verify page at once."
                            error={rowIntent === "suspend" ? rowErrors?.reason : undefined}
                            defaultValue={rowIntent === "suspend" && typeof actionData?.values.reason === "string" ? actionData.values.reason : ""}
                          />
                          <ConfirmSubmit
                            name="intent"
                            value="suspend"
                            className="button small secondary"
                            question={`Suspend ${a.certificateNumber}? The directory and the verify page show it as suspended at once, and the provider is emailed.`}
                            confirmLabel="Suspend now"
                            checkboxLabel={`I mean to suspend ${a.certificateNumber}`}
                          >
                            Suspend
                          </ConfirmSubmit>
                        </Form>
                      ) : null}
                      <Form method="post" className="form danger-zone">
                        <h2>Revoke (final)</h2>
                        <input type="hidden" name="id" value={a.id} />
                        <input type="hidden" name="back" value={back} />
                        <input type="hidden" name="certificate" value={a.certificateNumber} />
                        <ReasonField
                          id={`revoke-reason-${a.id}`}
                          label={`Reason for revoking ${a.certificateNumber}`}
                          hint="Revocation cannot be undone; the provider is told the reason."
                          error={rowIntent === "revoke" ? rowErrors?.reason : undefined}
                          defaultValue={rowIntent === "revoke" && typeof actionData?.values.reason === "string" ? actionData.values.reason : ""}
                        />
                        <div className="field">
                          <label htmlFor={`confirm-${a.id}`}>Type {a.certificateNumber} to confirm</label>
                          <input
                            id={`confirm-${a.id}`}
                            name="confirmCertificate"
                            type="text"
                            required
                            autoComplete="off"
                            aria-invalid={Boolean(rowIntent === "revoke" && rowErrors?.confirmCertificate)}
                            aria-describedby={rowIntent === "revoke" && rowErrors?.confirmCertificate ? `confirm-${a.id}-error` : undefined}
                          />
                          {rowIntent === "revoke" && rowErrors?.confirmCertificate ? (
                            <p className="field-error" id={`confirm-${a.id}-error`}>
                              {rowErrors.confirmCertificate}
                            </p>
                          ) : null}
                        </div>
                        <SubmitButton name="intent" value="revoke" className="button small danger">Revoke {a.certificateNumber}</SubmitButton>
                      </Form>
                    </details>
                  ) : null}
                  {a.actions.length === 0 ? <span className="muted small">No action</span> : null}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <PageNav page={page} pageCount={pages} drop={["done", "certificate"]} />
    </div>
  );
}

function ReasonField({ id, label, hint, error, defaultValue }: { id: string; label: string; hint: string; error?: string; defaultValue: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
      <textarea id={id} name="reason" rows={2} required aria-describedby={`${id}-hint`} aria-invalid={Boolean(error)} defaultValue={defaultValue} />
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
