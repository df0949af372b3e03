import { formatDate, INVITATION_STATUS_LABELS } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { email, uuid } from "~/domain/forms";
import { ErrorSummary, Field, useValidatedForm, Options, SubmitButton } from "~/components/form";
import { db } from "~/services/db.server";
import { createInvitation, listInvitations, resendInvitation, revokeInvitation } from "~/services/invitations.server";
import { parseIntentForm } from "~/http.server";
import { notFound, refusedAnswer, requirePermission } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { CardSection } from "~/components/ui/card-section";
import { StepAlerts } from "~/components/ui/step-alerts";
import { ListTable } from "~/components/ui/list-table";

export const meta: MetaFunction = () => [{ title: "Invitations — Staff — Rust Training Accreditation" }];

const ROLE_OPTIONS = [
  { value: "reviewer", label: "Reviewer" },
  { value: "board", label: "Board member" },
  { value: "staff", label: "Staff" },
] as const;

const inviteSchema = z.object({
  email: email(),
  role: z.enum(["reviewer", "board", "staff"], { errorMap: () => ({ message: "Choose a role" }) }),
});
const manageSchema = <I extends string>(intent: I) => z.object({ intent: z.literal(intent), id: uuid("the invitation") });
// The server's view: each form posts its intent beside its fields (the invite form's is a plain hidden input).
const SCHEMAS = { invite: inviteSchema.extend({ intent: z.literal("invite") }), resend: manageSchema("resend"), revoke: manageSchema("revoke") };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const listed = await listInvitations(db, user, { kind: "role" });
  if (!listed.ok) notFound();
  return { invitations: listed.value };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  const parsed = parseIntentForm(await request.formData(), SCHEMAS);
  if (!parsed.ok) return parsed.answer;
  const d = parsed.data;
  if (d.intent === "invite") {
    const invited = await createInvitation(db, { inviter: user, email: d.email, kind: "role", role: d.role });
    if (!invited.ok) return refusedAnswer(invited, { email: d.email, role: d.role }, { formId: d.intent });
    return redirect(`/admin/invitations?sent=${encodeURIComponent(d.email)}`);
  }
  const done = d.intent === "resend" ? await resendInvitation(db, user, d.id) : await revokeInvitation(db, user, d.id);
  if (!done.ok) return refusedAnswer(done, {}, { formId: d.intent });
  return redirect(`/admin/invitations?done=${d.intent}`);
}

const DONE: Record<string, string> = { resend: "A new link was sent; the old one no longer works.", revoke: "The invitation was revoked." };

export default function AdminInvitations() {
  const { invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const inviteErrors = actionData?.formId === "invite" ? actionData.errors : null;
  // register() renders no value on the server, so defaultValue keeps what was typed when JavaScript is off.
  const initial: Record<string, unknown> = { role: "reviewer", ...(actionData?.formId === "invite" ? actionData.values : {}) };
  const form = useValidatedForm(inviteSchema, { serverErrors: inviteErrors, defaultValues: initial });
  const sent = params.get("sent");
  const done = params.get("done");
  // Rendered inside the staff layout (admin.tsx), which provides the page frame and the section menu.
  return (
    <>
      <h1>Invitations</h1>
      <p className="lede">Invite people to a foundation role. They get an email with a link that works once, for 7 days.</p>
      <StepAlerts done={sent ? <>Invitation sent to {sent}.</> : null} />
      <StepAlerts done={done ? DONE[done] : null} />
      {actionData && actionData.formId !== "invite" ? <ErrorSummary errors={actionData.errors} /> : null}

      <CardSection headingId="invite-heading" heading="Send an invitation">
        <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
          <ErrorSummary errors={inviteErrors} />
          <input type="hidden" name="intent" value="invite" />
          <Field id="invite-email" label="Email address" error={form.errorFor("email")}>
            {(p) => <input {...p} {...form.register("email")} defaultValue={String(initial.email ?? "")} type="email" autoComplete="off" />}
          </Field>
          <Field id="invite-role" label="Role" error={form.errorFor("role")}>
            {(p) => (
              <select {...p} {...form.register("role")} defaultValue={String(initial.role ?? "reviewer")}>
                <Options choices={ROLE_OPTIONS.map((o) => [o.value, o.label])} />
              </select>
            )}
          </Field>
          <SubmitButton row>Send invitation</SubmitButton>
        </Form>
      </CardSection>

      <h2>Sent invitations</h2>
      <ListTable
        caption="Invitations to foundation roles, newest first"
        rows={invitations}
        empty={
          <>
            <strong>No invitations yet</strong>
            Invite reviewers, board members and colleagues with the form above.
          </>
        }
        columns={[
          { header: "Email", cell: (i) => i.email },
          { header: "Role", cell: (i) => ROLE_OPTIONS.find((o) => o.value === i.role)?.label ?? i.role },
          { header: "Status", cell: (i) => <span className={`badge ${i.status === "accepted" ? "ok" : i.status}`}>{INVITATION_STATUS_LABELS[i.status]}</span> },
          { header: "Invited by", cell: (i) => i.invitedBy ?? "—" },
          { header: "Sent", cell: (i) => formatDate(i.createdAt) },
          { header: "Expires", cell: (i) => formatDate(i.expiresAt) },
          { header: "Actions", headerHidden: true, cell: (i) => <InvitationActions invitation={i} /> },
        ]}
      />
    </>
  );
}

/** Resend a pending or expired invitation; revoke a pending one. */
function InvitationActions({ invitation: i }: { invitation: { id: string; email: string; status: keyof typeof INVITATION_STATUS_LABELS } }) {
  if (i.status !== "pending" && i.status !== "expired") return null;
  return (
    <div className="row">
      <Form method="post">
        <input type="hidden" name="intent" value="resend" />
        <input type="hidden" name="id" value={i.id} />
        <SubmitButton className="button small secondary" aria-label={`Resend the invitation to ${i.email}`}>Resend</SubmitButton>
      </Form>
      {i.status === "pending" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revoke" />
          <input type="hidden" name="id" value={i.id} />
          <SubmitButton className="button small danger" aria-label={`Revoke the invitation to ${i.email}`}>Revoke</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
