import { formatDate } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ErrorSummary, Field, useValidatedForm, RemoveRowForm, SubmitButton } from "~/components/form";
import { inviteMemberSchema, removeMemberSchema } from "~/domain/application-forms";
import { parseForm } from "~/domain/forms";
import { can, type SessionUser } from "~/domain/policy";
import { db } from "~/services/db.server";
import { createInvitation, listInvitations } from "~/services/invitations.server";
import { invalidForm, refusalResponse } from "~/http.server";
import { getOrganisationForMember, listMembers, removeMember } from "~/services/organisations.server";
import { notFound, requireUser } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { StepAlerts } from "~/components/ui/step-alerts";
import { ListTable } from "~/components/ui/list-table";

export const meta: MetaFunction = () => [{ title: "Members — Rust Training Accreditation" }];

/** The organisation named by ?org=, or the user's first; a non-member asking for another gets 404. */
async function chosenOrganisation(request: Request, user: SessionUser) {
  const requested = new URL(request.url).searchParams.get("org") ?? user.memberships[0]?.organisationId;
  if (!requested) throw redirect("/provider");
  const org = await getOrganisationForMember(db, user, requested);
  if (!org || !can(user, "organisation:view", { kind: "organisation", organisationId: org.id })) notFound();
  return org;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const org = await chosenOrganisation(request, user);
  const isOwner = can(user, "organisation:manageMembers", { kind: "organisation", organisationId: org.id });
  const [members, invitations] = await Promise.all([
    listMembers(db, org.id),
    isOwner ? listInvitations(db, user, { organisationId: org.id }) : null,
  ]);
  const organisations = user.memberships.length > 1 ? await Promise.all(user.memberships.map((m) => getOrganisationForMember(db, user, m.organisationId))) : [];
  return {
    organisation: { id: org.id, displayName: org.displayName },
    organisations: organisations.filter((o) => o !== null).map((o) => ({ id: o.id, displayName: o.displayName })),
    isOwner,
    me: user.id,
    members,
    invitations: invitations?.ok ? invitations.value.filter((i) => i.status === "pending") : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const org = await chosenOrganisation(request, user);
  const formData = await request.formData();
  const back = `/provider/members?org=${org.id}`;
  if (formData.get("intent") === "remove") {
    const parsed = parseForm(formData, removeMemberSchema);
    if (!parsed.success) return invalidForm(parsed, { form: "remove" as const });
    if (!can(user, "organisation:manageMembers", { kind: "organisation", organisationId: org.id })) notFound();
    const result = await removeMember(db, user, org.id, parsed.data.userId);
    if (!result.ok) return refusalResponse(result, {}, { form: "remove" as const });
    return redirect(`${back}&removed=1`);
  }
  const parsed = parseForm(formData, inviteMemberSchema);
  if (!parsed.success) return invalidForm(parsed, { form: "invite" as const });
  if (!can(user, "organisation:manageMembers", { kind: "organisation", organisationId: org.id })) notFound();
  const invited = await createInvitation(db, { inviter: user, email: parsed.data.email, kind: "organisation", organisationId: org.id, orgRole: parsed.data.orgRole });
  if (!invited.ok) return refusalResponse<Record<string, string>, { form: "invite" }>(invited, { email: parsed.data.email, orgRole: parsed.data.orgRole }, { form: "invite" });
  return redirect(`${back}&invited=${encodeURIComponent(parsed.data.email)}`);
}

export default function Members() {
  const { organisation, organisations, isOwner, me, members, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const inviteErrors = actionData?.form === "invite" ? actionData.errors : undefined;
  const form = useValidatedForm(inviteMemberSchema, {
    serverErrors: inviteErrors,
    defaultValues: { intent: "invite", orgRole: "member", ...(actionData?.form === "invite" ? actionData.values : {}) },
  });
  const owners = members.filter((m) => m.role === "owner").length;
  return (
    <>
      <h1>Members of {organisation.displayName}</h1>
      {organisations.length > 1 ? (
        <p>
          Other organisations:{" "}
          {organisations
            .filter((o) => o.id !== organisation.id)
            .map((o) => (
              <Link key={o.id} to={`/provider/members?org=${o.id}`}>
                {o.displayName}
              </Link>
            ))}
        </p>
      ) : null}
      <StepAlerts done={params.get("invited") ? <>Invitation sent to {params.get("invited")}. It works for 7 days.</> : null} />
      <StepAlerts done={params.get("removed") ? "The member was removed." : null} />
      {actionData?.form === "remove" ? <ErrorSummary errors={actionData.errors} /> : null}
      <ListTable
        caption="Members"
        rows={members}
        rowKey={(m) => m.userId}
        empty="No members."
        columns={[
          {
            header: "Name",
            cell: (m) => (
              <>
                {m.name}
                {m.userId === me ? <span className="muted"> (you)</span> : null}
              </>
            ),
          },
          { header: "Email", cell: (m) => m.email },
          { header: "Role", cell: (m) => (m.role === "owner" ? "Owner" : "Member") },
          { header: "Joined", cell: (m) => formatDate(m.joinedAt) },
          ...(isOwner
            ? [
                {
                  header: "Actions",
                  headerHidden: true,
                  cell: (m: (typeof members)[number]) =>
                    m.role === "owner" && owners <= 1 ? (
                      <span className="small muted">Last owner</span>
                    ) : (
                      <RemoveRowForm intent="remove" fields={{ userId: m.userId }} what={m.name} />
                    ),
                },
              ]
            : []),
        ]}
      />

      {isOwner ? (
        <section aria-labelledby="invite-heading" className="card" style={{ marginTop: "1.5rem" }}>
          <h2 id="invite-heading">Invite a colleague</h2>
          <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
            <ErrorSummary errors={inviteErrors} />
            <input type="hidden" {...form.register("intent")} />
            <Field id="invite-email" label="Email address" error={form.errorFor("email")}>
              {(p) => <input {...p} {...form.register("email")} type="email" autoComplete="off" />}
            </Field>
            <Field id="invite-role" label="Role" hint="Owners can invite and remove members and withdraw applications" error={form.errorFor("orgRole")}>
              {(p) => (
                <select {...p} {...form.register("orgRole")}>
                  <option value="member">Member</option>
                  <option value="owner">Owner</option>
                </select>
              )}
            </Field>
            <SubmitButton row>Send invitation</SubmitButton>
          </Form>
          {invitations.length > 0 ? (
            <>
              <h3>Pending invitations</h3>
              <ul>
                {invitations.map((i) => (
                  <li key={i.id}>
                    {i.email} ({i.orgRole}) — expires {formatDate(i.expiresAt)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : (
        <p className="muted">Only an owner can invite or remove members.</p>
      )}
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
