import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseForm } from "~/domain/forms";
import { ErrorSummary } from "~/components/form";
import { db } from "~/services/db.server";
import { resendVerification, TOKEN_MESSAGES, verifyEmail } from "~/services/accounts.server";
import { getUser, requireUser } from "~/services/request.server";

export const meta: MetaFunction = () => [{ title: "Confirm your email address — Rust Training Accreditation" }];

const schema = z.object({ intent: z.literal("resend", { errorMap: () => ({ message: "Unknown request" }) }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  if (token !== null) {
    const result = await verifyEmail(db, token);
    // Redirect so a reload of the page does not try the used link again.
    if (result.ok) throw redirect(result.purpose === "change_email" ? "/account?updated=email" : "/verify-email?verified=1");
    // A mail scanner may have opened the link first; if the address is confirmed, that is all that matters.
    const user = result.reason === "used" ? await getUser(request) : null;
    if (user?.emailVerified) throw redirect("/verify-email?verified=1");
    return { state: "failed" as const, message: TOKEN_MESSAGES[result.reason], user: null };
  }
  const user = await getUser(request);
  const state = url.searchParams.get("verified") === "1" ? ("verified" as const) : url.searchParams.get("sent") === "1" ? ("sent" as const) : ("status" as const);
  return { state, message: null, user: user ? { email: user.email, emailVerified: user.emailVerified } : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.success) return data({ errors: parsed.errors }, { status: 400 });
  const sent = await resendVerification(db, user.id);
  if (!sent) return data({ errors: { form: "Your email address is already confirmed." } }, { status: 400 });
  return redirect("/verify-email?sent=1");
}

function ResendForm() {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="resend" />
      <button type="submit" className="button secondary">
        Send a new link
      </button>
    </Form>
  );
}

export default function VerifyEmailPage() {
  const { state, message, user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (state === "failed") {
    return (
      <div className="page narrow">
        <h1>This link cannot be used</h1>
        <p className="alert error">{message}</p>
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
