import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { expertiseSchema, FOUNDATION_ROLES, roleChangeSchema } from "~/domain/admin-forms";
import { longText, parseForm } from "~/domain/forms";
import { PageNav } from "~/components/admin/page-nav";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { refusalResponse } from "~/http.server";
import { refused, UNKNOWN_REQUEST, type Refused } from "~/domain/outcome";
import { disableUser, enableUser, expertiseAreas, grantRole, removeRole, searchUsers, setExpertise } from "~/services/users-admin.server";

export const meta: MetaFunction = () => [{ title: "Users · Administration" }];

const userRef = z.object({ userId: z.string().uuid("Missing user") });
const disableSchema = userRef.extend({ reason: longText("a reason", { max: 500 }) });
const searchSchema = z.object({
  q: z.string().max(200).catch(""),
  role: z.enum(["", ...FOUNDATION_ROLES]).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const url = new URL(request.url);
  const filters = searchSchema.parse({ q: url.searchParams.get("q") ?? "", role: url.searchParams.get("role") ?? "", page: url.searchParams.get("page") ?? 1 });
  const [result, areas] = await Promise.all([searchUsers(db, filters), expertiseAreas(db)]);
  return { ...result, filters, areas };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (message: string) => {
    const url = new URL(request.url);
    url.searchParams.set("done", message);
    return redirect(url.pathname + url.search);
  };
  const fail = (userId: unknown, refusal: Refused) => refusalResponse(refusal, {}, { userId: typeof userId === "string" ? userId : null });

  if (intent === "grant" || intent === "remove") {
    const parsed = parseForm(formData, roleChangeSchema);
    if (!parsed.success) return fail(formData.get("userId"), refused(400, Object.values(parsed.errors)[0]));
    const result = intent === "grant" ? await grantRole(db, staff.id, parsed.data.userId, parsed.data.role) : await removeRole(db, staff.id, parsed.data.userId, parsed.data.role);
    if (!result.ok) return fail(parsed.data.userId, result);
    return back(intent === "grant" ? `Granted the ${parsed.data.role} role.` : `Removed the ${parsed.data.role} role.`);
  }
  if (intent === "disable") {
    const parsed = parseForm(formData, disableSchema);
    if (!parsed.success) return fail(formData.get("userId"), refused(400, Object.values(parsed.errors)[0]));
    const result = await disableUser(db, staff.id, parsed.data.userId, parsed.data.reason);
    if (!result.ok) return fail(parsed.data.userId, result);
    return back("The account is disabled and its sessions have ended.");
  }
  if (intent === "enable") {
    const parsed = parseForm(formData, userRef);
    if (!parsed.success) return fail(null, refused(400, "Missing user"));
    const result = await enableUser(db, staff.id, parsed.data.userId);
    if (!result.ok) return fail(parsed.data.userId, result);
    return back("The account is enabled again.");
  }
  if (intent === "expertise") {
    const parsed = parseForm(formData, expertiseSchema);
    if (!parsed.success) return fail(formData.get("userId"), refused(400, Object.values(parsed.errors)[0]));
    const result = await setExpertise(db, staff.id, parsed.data.userId, parsed.data.expertise);
    if (!result.ok) return fail(parsed.data.userId, result);
    return back("Expertise saved.");
  }
  return fail(null, UNKNOWN_REQUEST);
}

const ROLE_LABEL: Record<string, string> = { staff: "Staff", reviewer: "Reviewer", board: "Board member" };

export default function AdminUsers() {
  const { users, total, page, pageCount, filters, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    next.delete("done");
    return `?${next.toString()}`;
  };
  return (
    <>
      <h1>Users</h1>
      {done ? (
        <p className="alert success" role="status">
          {done}
        </p>
      ) : null}
      {actionData?.errors.form && !actionData.userId ? (
        <p className="alert error" role="alert">
          {actionData.errors.form}
        </p>
      ) : null}
      <Form method="get" className="row card" role="search" aria-label="Search users">
        <label htmlFor="users-q">Name or email</label>
        <input id="users-q" type="search" name="q" defaultValue={filters.q} />
        <label htmlFor="users-role">Role</label>
        <select id="users-role" name="role" defaultValue={filters.role}>
          <option value="">Any</option>
          {FOUNDATION_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABEL[r]}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary">
          Search
        </button>
      </Form>
      <p className="muted">
        {total} {total === 1 ? "user" : "users"}
      </p>
      {users.length === 0 ? (
        <div className="empty-state">
          <strong>No users match</strong>Try a shorter search, or invite someone from <Link to="/admin/invitations">Invitations</Link>.
        </div>
      ) : (
        <ul className="user-list">
          {users.map((u) => {
            const label = u.name || u.email;
            const missing = FOUNDATION_ROLES.filter((r) => !u.roles.includes(r));
            return (
              <li key={u.id} className="card" aria-labelledby={`user-${u.id}`}>
                <div className="spread">
                  <h2 id={`user-${u.id}`} className="h3">
                    {u.name} <span className="muted small">{u.email}</span>
                  </h2>
                  <div className="row">
                    {u.disabledAt ? <span className="badge revoked">disabled</span> : null}
                    {u.emailVerified ? null : <span className="badge warn">email not verified</span>}
                    {u.roles.map((r) => (
                      <span key={r} className="badge info">
                        {ROLE_LABEL[r]}
                      </span>
                    ))}
                  </div>
                </div>
                {u.organisations.length > 0 ? <p className="small">Member of {u.organisations.join(", ")}</p> : null}
                {actionData?.errors.form && actionData.userId === u.id ? (
                  <p className="alert error" role="alert">
                    {actionData.errors.form}
                  </p>
                ) : null}
                <div className="row">
                  {u.roles.map((r) => (
                    <Form method="post" key={r}>
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="role" value={r} />
                      <button type="submit" name="intent" value="remove" className="button small secondary" aria-label={`Remove ${ROLE_LABEL[r]} role from ${label}`}>
                        Remove {ROLE_LABEL[r].toLowerCase()}
                      </button>
                    </Form>
                  ))}
                  {missing.length > 0 && !u.disabledAt ? (
                    <Form method="post" className="row">
                      <input type="hidden" name="userId" value={u.id} />
                      <label htmlFor={`grant-${u.id}`} className="visually-hidden">
                        Role to grant {label}
                      </label>
                      <select id={`grant-${u.id}`} name="role">
                        {missing.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABEL[r]}
                          </option>
                        ))}
                      </select>
                      <button type="submit" name="intent" value="grant" className="button small" aria-label={`Grant role to ${label}`}>
                        Grant
                      </button>
                    </Form>
                  ) : null}
                </div>
                {u.roles.includes("reviewer") ? (
                  <Form method="post" className="expertise">
                    <input type="hidden" name="userId" value={u.id} />
                    <fieldset>
                      <legend>Reviewer expertise</legend>
                      {areas.length === 0 ? (
                        <p className="muted small">Publish a framework to choose areas.</p>
                      ) : (
                        <div className="checks">
                          {areas.map((a) => (
                            <label key={a.code}>
                              <input type="checkbox" name="expertise" value={a.code} defaultChecked={u.expertise.includes(a.code)} /> {a.code} {a.title}
                            </label>
                          ))}
                        </div>
                      )}
                    </fieldset>
                    <button type="submit" name="intent" value="expertise" className="button small secondary" aria-label={`Save expertise of ${label}`}>
                      Save expertise
                    </button>
                  </Form>
                ) : null}
                {u.disabledAt ? (
                  <Form method="post">
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" name="intent" value="enable" className="button small secondary" aria-label={`Enable ${label}`}>
                      Enable account
                    </button>
                  </Form>
                ) : (
                  <details>
                    <summary>Disable account</summary>
                    <Form method="post" className="form">
                      <input type="hidden" name="userId" value={u.id} />
                      <div className="field">
                        <label htmlFor={`reason-${u.id}`}>Reason (kept in the audit log)</label>
                        <textarea id={`reason-${u.id}`} name="reason" rows={2} />
                      </div>
                      <div>
                        <button type="submit" name="intent" value="disable" className="button small danger" aria-label={`Disable ${label}`}>
                          Disable and sign out everywhere
                        </button>
                      </div>
                    </Form>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <PageNav page={page} pageCount={pageCount} href={pageLink} />
    </>
  );
}
