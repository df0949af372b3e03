import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { formatDate, formatDateTime, humanize } from "~/domain/format";
import { isUuid } from "~/domain/forms";
import { ROLE_LABEL, UserActions } from "~/components/admin/user-actions";
import { db } from "~/services/db.server";
import { notFound, requireStaff } from "~/services/request.server";
import { answerUserAdminForm } from "~/services/users-admin-form.server";
import { expertiseAreas, userDetail } from "~/services/users-admin.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { StepAlerts } from "~/components/ui/step-alerts";
import { ListTable } from "~/components/ui/list-table";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? data.user.name || data.user.email : "User"} · Users · Administration` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const id = params.id ?? "";
  const [user, areas] = await Promise.all([isUuid(id) ? userDetail(db, id) : null, expertiseAreas(db)]);
  if (!user) notFound();
  return { user, areas };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  // The forms on this page act on the user in the URL, whatever a posted userId says.
  formData.set("userId", params.id ?? "");
  return answerUserAdminForm(db, staff.id, request, formData);
}

export default function AdminUser() {
  const { user, areas } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <>
      <BackLink to="/admin/users">Users</BackLink>
      <h1>{user.name || user.email}</h1>
      <StepAlerts done={done} error={actionData?.errors.form} />
      <section className="card" aria-labelledby="about">
        <h2 id="about">About</h2>
        <dl className="facts">
          <dt>Email</dt>
          <dd>
            {user.email} {user.emailVerified ? null : <span className="badge warn">not verified</span>}
          </dd>
          <dt>Roles</dt>
          <dd>{user.roles.length ? user.roles.map((r) => ROLE_LABEL[r]).join(", ") : "None (provider account)"}</dd>
          <dt>Organisations</dt>
          <dd>
            {user.organisations.length === 0
              ? "None"
              : user.organisations.map((o, i) => (
                  <span key={o.id}>
                    {i > 0 ? ", " : ""}
                    {o.name} <span className="muted small">({humanize(o.role)})</span>
                  </span>
                ))}
          </dd>
          <dt>Account</dt>
          <dd>{user.disabledAt ? <span className="badge revoked">disabled {formatDate(user.disabledAt)}</span> : `Since ${formatDate(user.createdAt)}`}</dd>
        </dl>
      </section>
      <UserActions user={user} areas={areas} />
      <section className="card" aria-labelledby="events">
        <h2 id="events">Recent activity</h2>
        <ListTable
          caption={`The latest audit events by or about ${user.name || user.email}`}
          rows={user.events}
          rowKey={(e) => String(e.id)}
          empty="Nothing recorded yet."
          columns={[
            { header: "When", cell: (e) => formatDateTime(e.occurredAt) },
            { header: "What", cell: (e) => <code>{e.action}</code> },
            { header: "By", cell: (e) => e.actor ?? "the system" },
          ]}
        />
        <p className="small">
          <Link to={`/admin/audit?entityType=user&entityId=${user.id}`}>The full audit log about this account</Link>
        </p>
      </section>
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
