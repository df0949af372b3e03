import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseForm } from "~/domain/forms";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { db } from "~/services/db.server";
import { describeVerifyToken, resendVerification, TOKEN_MESSAGES, verifyEmail } from "~/services/accounts.server";
import { getUser, requireUser } from "~/services/request.server";
import { refusalResponse } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Confirm your email address — Rust Training Accreditation" }];

const resendSchema = z.object({ intent: z.literal("resend", { errorMap: () => ({ message: "Unknown request" }) }) });
const confirmSchema = z.object({
  intent: z.literal("confirm"),
  token: z.string({ required_error: TOKEN_MESSAGES.unknown }).min(1, TOKEN_MESSAGES.unknown).max(200, TOKEN_MESSAGES.unknown),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  if (token !== null) {
    // Only describe the link: mail scanners open links too, so confirming takes the button on this page.
    const found = await describeVerifyToken(db, token);
    if (found.state === "valid") {
      return { state: "confirm" as const, token, email: found.email ?? null, purpose: found.purpose ?? null, message: null, user: null };
    }
    // Opened again after confirming: if the address is confirmed, that is all that matters.
    const user = found.state === "used" ? await getUser(request) : null;
    if (user?.emailVerified) throw redirect("/verify-email?verified=1");
    return { state: "failed" as const, token: null, email: null, purpose: null, message: TOKEN_MESSAGES[found.state], user: null };
  }
  const user = await getUser(request);
  const state = url.searchParams.get("verified") === "1" ? ("verified" as const) : url.searchParams.get("sent") === "1" ? ("sent" as const) : ("status" as const);
  return { state, token: null, email: null, purpose: null, message: null, user: user ? { email: user.email, emailVerified: user.emailVerified } : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  // The link alone proves the address, so confirming needs no session (it may be opened on another device).
  if (formData.get("intent") === "confirm") {
    const parsed = parseForm(formData, confirmSchema);
    if (!parsed.success) return data({ errors: { form: TOKEN_MESSAGES.unknown } }, { status: 400 });
    const result = await verifyEmail(db, parsed.data.token);
    // Redirect so a reload of the page does not post the used link again.
    if (result.ok) return redirect(result.value.purpose === "change_email" ? "/account?updated=email" : "/verify-email?verified=1");
    // A second click on the button after the first went through: the address is confirmed, nothing is wrong.
    const user = result.message === TOKEN_MESSAGES.used ? await getUser(request) : null;
    if (user?.emailVerified) return redirect("/verify-email?verified=1");
    return refusalResponse(result);
  }

  const user = await requireUser(request);
  const parsed = parseForm(formData, resendSchema);
  if (!parsed.success) return data({ errors: parsed.errors }, { status: 400 });
  const sent = await resendVerification(db, user.id);
  if (!sent.ok) return refusalResponse(sent);
  return redirect("/verify-email?sent=1");
}

function ResendForm() {
  return (
    <Form method="post" action="/verify-email">
      <input type="hidden" name="intent" value="resend" />
      <SubmitButton className="button secondary">Send a new link</SubmitButton>
    </Form>
  );
}

export default function VerifyEmailPage() {
  const { state, token, email, purpose, message, user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (state === "confirm") {
    return (
      <div className="page narrow">
        <h1>Confirm {email}</h1>
        <ErrorSummary errors={actionData?.errors} />
        <p>
          {purpose === "change_email" ? (
            <>
              Confirm that <strong>{email}</strong> is your new email address. Your account will use it from now on, for logging in and for emails.
            </>
          ) : (
            <>
              Confirm that <strong>{email}</strong> is your email address for your Rust Training Accreditation account.
            </>
          )}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="confirm" />
          <input type="hidden" name="token" value={token ?? ""} />
          <SubmitButton>Confirm my email address</SubmitButton>
        </Form>
      </div>
    );
  }
  if (state === "failed") {
    return (
      <div className="page narrow">
        <h1>This link cannot be used</h1>
        <p className="alert error">{actionData?.errors.form ?? message}</p>
        <p>
          Log in and use <strong>Send a new link</strong> to get a fresh one. <Link to="/account">Go to your account</Link>.
        </p>
      </div>
    );
  }
  if (state === "verified" || user?.emailVerified) {
    return (
      <div className="page narrow">
        <h1>Email address confirmed</h1>
        <p className="alert success" role="status">
          Thank you. Your email address is confirmed.
        </p>
        <p>{user ? <Link to="/provider">Continue</Link> : <Link to="/login">Log in</Link>}</p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>Confirm your email address</h1>
      <ErrorSummary errors={actionData?.errors} />
      {user ? (
        <>
          <p className={state === "sent" ? "alert success" : undefined} role={state === "sent" ? "status" : undefined}>
            We sent a link to <strong>{user.email}</strong>. Open it to confirm the address; it works for 24 hours.
          </p>
          <p>No email? Check the spam folder, or ask for a new link.</p>
          <ResendForm />
        </>
      ) : (
        <p>
          Open the link in the email we sent you. To get a new one, <Link to="/login?redirectTo=%2Fverify-email">log in</Link> first.
        </p>
      )}
    </div>
  );
}
