import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { FOUNDATION_ROLES } from "~/domain/admin-forms";
import { MatchCount, PageNav } from "~/components/admin/page-nav";
import { ROLE_LABEL } from "~/components/admin/user-actions";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { answerUserAdminForm } from "~/services/users-admin-form.server";
import { searchUsers } from "~/services/users-admin.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { StepAlerts } from "~/components/ui/step-alerts";
import { ListTable } from "~/components/ui/list-table";
import { SubmitButton, SelectFilter } from "~/components/form";

export const meta: MetaFunction = () => [{ title: "Users · Administration" }];

const searchSchema = z.object({
  q: z.string().max(200).catch(""),
  role: z.enum(["", ...FOUNDATION_ROLES]).catch(""),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const url = new URL(request.url);
  const filters = searchSchema.parse({ q: url.searchParams.get("q") ?? "", role: url.searchParams.get("role") ?? "", page: url.searchParams.get("page") ?? 1 });
  return { ...(await searchUsers(db, filters)), filters };
}

// The per-user forms live on /admin/users/:id; this list still answers them, the same way, for a form posted here.
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  return answerUserAdminForm(db, staff.id, request, await request.formData());
}

export default function AdminUsers() {
  const { users, total, page, pageCount, filters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <>
      <h1>Users</h1>
      <StepAlerts done={done} error={actionData?.errors.form} />
      <Form method="get" className="row card" role="search" aria-label="Search users">
        <label htmlFor="users-q">Name or email</label>
        <input id="users-q" type="search" name="q" defaultValue={filters.q} />
        <SelectFilter id="users-role" name="role" label="Role" value={filters.role} blank="Any" choices={FOUNDATION_ROLES.map((r) => [r, ROLE_LABEL[r]])} />
        <SubmitButton className="button secondary">Search</SubmitButton>
      </Form>
      <MatchCount total={total} noun="user" />
      <ListTable
        caption="Users, by name; open one to change its roles or account"
        rows={users}
        empty={
          <>
            <strong>No users match</strong>Try a shorter search, or invite someone from <Link to="/admin/invitations">Invitations</Link>.
          </>
        }
        columns={[
          { header: "Name", cell: (u) => <Link to={`/admin/users/${u.id}`}>{u.name || u.email}</Link> },
          { header: "Email", cell: (u) => u.email },
          { header: "Roles", cell: (u) => (u.roles.length ? u.roles.map((r) => ROLE_LABEL[r]).join(", ") : "—") },
          { header: "Organisations", cell: (u) => (u.organisations.length ? u.organisations.join(", ") : "—") },
          {
            header: "Account",
            cell: (u) => (
              <>
                {u.disabledAt ? <span className="badge revoked">disabled</span> : null} {u.emailVerified ? null : <span className="badge warn">email not verified</span>}
                {!u.disabledAt && u.emailVerified ? "Active" : null}
              </>
            ),
          },
        ]}
      />
      <PageNav page={page} pageCount={pageCount} drop={["done"]} />
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
