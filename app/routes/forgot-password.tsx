import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { email, parseForm } from "~/domain/forms";
import { ErrorSummary, useValidatedForm, SubmitButton, InputField } from "~/components/form";
import { db } from "~/services/db.server";
import { requestPasswordReset } from "~/services/accounts.server";
import { invalidForm } from "~/http.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password — Rust Training Accreditation" }];

const schema = z.object({ email: email() });

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.success) return invalidForm(parsed);
  await requestPasswordReset(db, parsed.data.email);
  // The same answer whether or not the address has an account.
  return redirect("/forgot-password?sent=1");
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  // register() renders no value on the server, so defaultValue keeps what was typed when JavaScript is off.
  const initial: Record<string, unknown> = actionData?.values ?? {};
  const form = useValidatedForm(schema, { serverErrors: actionData?.errors, defaultValues: initial });
  return (
    <div className="page narrow">
      <h1>Forgot your password?</h1>
      {params.get("sent") === "1" ? (
        <p className="alert success" role="status">
          If an account uses that address, we sent it a link to choose a new password. The link works for one hour.
        </p>
      ) : (
        <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
      )}
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={actionData?.errors} />
        <InputField form={form} name="email" label="Email address" defaultValue={String(initial.email ?? "")} type="email" autoComplete="email" />
        <SubmitButton row>Send the link</SubmitButton>
      </Form>
      <p>
        Remembered it? <Link to="/login">Log in</Link>.
      </p>
    </div>
  );
}
