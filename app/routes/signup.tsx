import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { email, parseForm, password, text } from "~/domain/forms";
import { ErrorSummary, Field, useValidatedForm } from "~/components/form";
import { db } from "~/services/db.server";
import { homeFor, signUp } from "~/services/accounts.server";
import { clientAddress, getUser, safeRedirect, secureCookies } from "~/services/request.server";
import { sessionCookie } from "~/services/sessions.server";
import { invalidForm, refusalResponse } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Create an account — Rust Training Accreditation" }];

const schema = z.object({
  name: text("your name", { max: 120 }),
  email: email(),
  password: password(),
  redirectTo: z.string().max(2000).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), homeFor(user)));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.success) return invalidForm(parsed);
  const { redirectTo, ...input } = parsed.data;
  const result = await signUp(db, { ...input, address: clientAddress(request) });
  if (!result.ok) return refusalResponse(result, { name: input.name, email: input.email, redirectTo });
  // Signed in straight away; the banner asks them to confirm the address.
  return redirect(safeRedirect(redirectTo, "/verify-email?sent=1"), {
    headers: { "Set-Cookie": sessionCookie(result.value.sessionToken, secureCookies()) },
  });
}

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? (typeof actionData?.values.redirectTo === "string" ? actionData.values.redirectTo : "");
  // register() renders no value on the server, so defaultValue keeps what was typed when JavaScript is off.
  const initial: Record<string, unknown> = { email: params.get("email") ?? "", ...actionData?.values };
  const form = useValidatedForm(schema, { serverErrors: actionData?.errors, defaultValues: initial });
  const loginHref = `/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`;
  return (
    <div className="page narrow">
      <h1>Create an account</h1>
      <p className="lede">For training providers applying for accreditation, and for the foundation&apos;s reviewers, board and staff.</p>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={actionData?.errors} />
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <Field id="name" label="Your name" error={form.errorFor("name")}>
          {(p) => <input {...p} {...form.register("name")} defaultValue={String(initial.name ?? "")} type="text" autoComplete="name" />}
        </Field>
        <Field id="email" label="Email address" hint="We send a link to confirm it." error={form.errorFor("email")}>
          {(p) => <input {...p} {...form.register("email")} defaultValue={String(initial.email ?? "")} type="email" autoComplete="email" />}
        </Field>
        <Field id="password" label="Password" hint="At least 10 characters." error={form.errorFor("password")}>
          {(p) => <input {...p} {...form.register("password")} type="password" autoComplete="new-password" />}
        </Field>
        <div>
          <button type="submit" className="button">
            Create account
          </button>
        </div>
      </Form>
      <p>
        Already have an account? <Link to={loginHref}>Log in</Link>.
      </p>
    </div>
  );
}
