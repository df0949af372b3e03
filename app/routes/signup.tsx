import { type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";
import { email, parseForm, password, text } from "~/domain/forms";
import { ErrorSummary, SubmitButton, InputField } from "~/components/form";
import { redirectToField, useSignInForm } from "~/components/sign-in-form";
import { db } from "~/services/db.server";
import { signUp } from "~/services/accounts.server";
import { clientAddress, redirectIfSignedIn, safeRedirect, signedInRedirect } from "~/services/request.server";
import { invalidForm, refusalResponse } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Create an account — Rust Training Accreditation" }];

const schema = z.object({
  name: text("your name", { max: 120 }),
  email: email(),
  password: password(),
  redirectTo: redirectToField,
});

export const loader = redirectIfSignedIn;

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.success) return invalidForm(parsed);
  const { redirectTo, ...input } = parsed.data;
  const result = await signUp(db, { ...input, address: clientAddress(request) });
  if (!result.ok) return refusalResponse(result, { name: input.name, email: input.email, redirectTo });
  // Signed in straight away; the banner asks them to confirm the address.
  return signedInRedirect(safeRedirect(redirectTo, "/verify-email?sent=1"), result.value.sessionToken);
}

export default function SignUp() {
  const { errors, typed, form, redirectTo, otherHref: loginHref } = useSignInForm(schema, "/login");
  return (
    <div className="page narrow">
      <h1>Create an account</h1>
      <p className="lede">For training providers applying for accreditation, and for the foundation&apos;s reviewers, board and staff.</p>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={errors} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <InputField form={form} name="name" label="Your name" defaultValue={typed("name")} type="text" autoComplete="name" />
        <InputField form={form} name="email" label="Email address" hint="We send a link to confirm it." defaultValue={typed("email")} type="email" autoComplete="email" />
        <InputField form={form} name="password" label="Password" hint="At least 10 characters." type="password" autoComplete="new-password" />
        <SubmitButton row>Create account</SubmitButton>
      </Form>
      <p>
        Already have an account? <Link to={loginHref}>Log in</Link>.
      </p>
    </div>
  );
}
