import { formatDate } from "~/domain/format";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseForm } from "~/domain/forms";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { db } from "~/services/db.server";
import { acceptInvitation, describeInvitation, INVITATION_MESSAGES } from "~/services/invitations.server";
import { refusalResponse } from "~/http.server";
import { getUser, requireUser } from "~/services/request.server";

export const meta: MetaFunction = () => [{ title: "Invitation — Rust Training Accreditation" }];

const schema = z.object({ intent: z.literal("accept", { errorMap: () => ({ message: "Unknown request" }) }) });

const TITLES = { expired: "This invitation has expired", used: "This invitation was already accepted", revoked: "This invitation was withdrawn", unknown: "Invitation not found" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const [invitation, user] = await Promise.all([describeInvitation(db, token), getUser(request)]);
  const here = `/invitations/${encodeURIComponent(token)}`;
  if (invitation.state === "unknown") return { here, invitation: { state: "unknown" as const, message: INVITATION_MESSAGES.unknown }, user: null };
  return {
    here,
    // The invited address is shown only while the link is usable.
    invitation: {
      state: invitation.state,
      message: invitation.state === "valid" ? null : INVITATION_MESSAGES[invitation.state],
      what: invitation.what,
      inviterName: invitation.inviterName,
      email: invitation.state === "valid" ? invitation.email : null,
      expiresOn: formatDate(invitation.expiresAt),
    },
    user: user ? { email: user.email } : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.success) return data({ errors: parsed.errors }, { status: 400 });
  const accepted = await acceptInvitation(db, params.token, user);
  if (!accepted.ok) return refusalResponse(accepted);
  return redirect("/account?invitation=accepted");
}

export default function InvitationPage() {
  const { here, invitation, user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (invitation.state !== "valid") {
    return (
      <div className="page narrow">
        <h1>{TITLES[invitation.state]}</h1>
        <p className="alert error">{invitation.message}</p>
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </div>
    );
  }
  const back = encodeURIComponent(here);
  const sameAddress = user && invitation.email && user.email.toLowerCase() === invitation.email.toLowerCase();
  return (
    <div className="page narrow">
      <h1>You are invited to join {invitation.what}</h1>
      <ErrorSummary errors={actionData?.errors} />
      <p>
        {invitation.inviterName ?? "The programme team"} invited <strong>{invitation.email}</strong> to join {invitation.what}. The invitation
        expires on {invitation.expiresOn}.
      </p>
      {user ? (
        <>
          {!sameAddress ? (
            <p className="alert info">
              You are signed in as {user.email}. Accepting adds this invitation to that account.
            </p>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <SubmitButton>Accept the invitation</SubmitButton>
          </Form>
        </>
      ) : (
        <>
          <p>To accept, create an account with this address, or log in if you already have one.</p>
          <p className="row">
            <Link className="button" to={`/signup?email=${encodeURIComponent(invitation.email ?? "")}&redirectTo=${back}`}>
              Create an account
            </Link>
            <Link className="button secondary" to={`/login?email=${encodeURIComponent(invitation.email ?? "")}&redirectTo=${back}`}>
              Log in
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
