import { useActionData, useSearchParams } from "@remix-run/react";
import { z, type ZodTypeAny } from "zod";
import { useValidatedForm } from "~/components/form";
import type { FieldErrors } from "~/domain/forms";

/** Where to go after logging in or signing up: a path on this site (checked with `safeRedirect` before use). */
export const redirectToField = z.string().max(2000).optional();

/**
 * The login and signup forms: where to go afterwards (`redirectTo`, carried through a refusal and to the other
 * page's link), what was typed or given in the address, and the validated form.
 */
export function useSignInForm(schema: ZodTypeAny, otherPage: "/login" | "/signup") {
  const actionData = useActionData<{ errors: FieldErrors; values: Record<string, unknown> }>();
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? (typeof actionData?.values.redirectTo === "string" ? actionData.values.redirectTo : "");
  // register() renders no value on the server, so defaultValue keeps what was typed when JavaScript is off.
  const initial: Record<string, unknown> = { email: params.get("email") ?? "", ...actionData?.values };
  const form = useValidatedForm(schema, { serverErrors: actionData?.errors, defaultValues: initial });
  return {
    errors: actionData?.errors,
    params,
    redirectTo,
    /** What was typed in a field, for its defaultValue. */
    typed: (name: string) => String(initial[name] ?? ""),
    form,
    otherHref: `${otherPage}${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`,
  };
}
