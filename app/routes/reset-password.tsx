import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { parseForm, password } from "~/domain/forms";
import { ErrorSummary, useValidatedForm, SubmitButton, InputField } from "~/components/form";
import { db } from "~/services/db.server";
import { describeResetToken, resetPassword, TOKEN_MESSAGES } from "~/services/accounts.server";
import { secureCookies } from "~/services/request.server";
import { blankSessionCookie } from "~/services/sessions.server";
import { refusalResponse } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password — Rust Training Accreditation" }];

const schema = z
  .object({
    token: z.string({ required_error: "This link is not valid" }).min(1, "This link is not valid").max(200, "This link is not valid"),
    password: password("a new password"),
    confirmPassword: z.string({ required_error: "Repeat the new password" }).min(1, "Repeat the new password"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords are not the same" });

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const found = await describeResetToken(db, token);
  return { token, state: found.state, email: found.email ?? null, message: found.state === "valid" ? null : TOKEN_MESSAGES[found.state] };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.success) return data({ errors: parsed.errors, values: { token: parsed.values.token } }, { status: 400 });
  const result = await resetPassword(db, parsed.data.token, parsed.data.password);
  if (!result.ok) return refusalResponse(result, { token: parsed.data.token });
  // Every session ended, including any in this browser.
  return redirect("/login?reset=1", { headers: { "Set-Cookie": blankSessionCookie(secureCookies()) } });
}

export default function ResetPassword() {
  const { token, state, email, message } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(schema, { serverErrors: actionData?.errors, defaultValues: { token } });
  if (state !== "valid") {
    return (
      <div className="page narrow">
        <h1>This link cannot be used</h1>
        <p className="alert error">{message}</p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>Choose a new password</h1>
      <p>For the account {email}. Every session of the account ends when you save it.</p>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={actionData?.errors} />
        <input type="hidden" {...form.register("token")} defaultValue={token} />
        <input type="hidden" name="username" value={email ?? ""} autoComplete="username" />
        <InputField form={form} name="password" label="New password" hint="At least 10 characters." type="password" autoComplete="new-password" />
        <InputField form={form} name="confirmPassword" label="Repeat the new password" type="password" autoComplete="new-password" />
        <SubmitButton row>Save the new password</SubmitButton>
      </Form>
    </div>
  );
}
