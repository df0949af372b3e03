import { type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { invalidForm, refusalResponse } from "~/http.server";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";
import { email, parseForm } from "~/domain/forms";
import { ErrorSummary, SubmitButton, InputField } from "~/components/form";
import { redirectToField, useSignInForm } from "~/components/sign-in-form";
import { db } from "~/services/db.server";
import { homeFor } from "~/services/accounts.server";
import { login } from "~/services/login.server";
import { clientAddress, redirectIfSignedIn, safeRedirect, signedInRedirect } from "~/services/request.server";
import { readSessionToken } from "~/services/sessions.server";

export const meta: MetaFunction = () => [{ title: "Log in — Rust Training Accreditation" }];

const schema = z.object({
  email: email(),
  password: z.string({ required_error: "Enter your password" }).min(1, "Enter your password").max(200, "Use at most 200 characters"),
  redirectTo: redirectToField,
});

export const loader = redirectIfSignedIn;

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.success) return invalidForm(parsed);
  const result = await login(db, {
    email: parsed.data.email,
    password: parsed.data.password,
    address: clientAddress(request),
    currentSessionToken: readSessionToken(request),
  });
  if (!result.ok) return refusalResponse(result, { email: parsed.data.email, redirectTo: parsed.data.redirectTo });
  const { user, sessionToken } = result.value;
  return signedInRedirect(safeRedirect(parsed.data.redirectTo, homeFor(user)), sessionToken);
}

export default function Login() {
  const { errors, params, redirectTo, typed, form, otherHref: signupHref } = useSignInForm(schema, "/signup");
  return (
    <div className="page narrow">
      <h1>Log in</h1>
      {params.get("reset") === "1" ? (
        <p className="alert success" role="status">
          Your password was changed and every session ended. Log in with your new password.
        </p>
      ) : null}
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={errors} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <InputField form={form} name="email" label="Email address" defaultValue={typed("email")} type="email" autoComplete="email" />
        <InputField form={form} name="password" label="Password" type="password" autoComplete="current-password" />
        <div className="row">
          <SubmitButton>Log in</SubmitButton>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </Form>
      <p>
        New here? <Link to={signupHref}>Create an account</Link>.
      </p>
    </div>
  );
}
