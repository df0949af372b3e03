import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { db } from "~/services/db.server";
import { notFound, refusedAnswer, requireUser } from "~/services/request.server";
import { conflictsOf, declareConflict, organisationChoices } from "~/services/impartiality.server";
import { ErrorSummary, Field, useValidatedForm, Options } from "~/components/form";
import { longText, parseForm, uuid } from "~/domain/forms";
import { invalidForm } from "~/http.server";
import { formatDate } from "~/domain/format";
import { BackLink } from "~/components/ui/back-link";

const conflictSchema = z.object({
  organisationId: uuid("the organisation"),
  note: longText("what the conflict is", { min: 1, max: 1000 }),
});

export const meta: MetaFunction = () => [{ title: "Conflicts of interest · Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // Only foundation members review, vote, decide or hear appeals; nobody else has conflicts to declare.
  if (user.roles.length === 0) notFound();
  const [conflicts, organisations] = await Promise.all([conflictsOf(db, user.id), organisationChoices(db)]);
  return { conflicts, organisations, roles: user.roles };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (user.roles.length === 0) notFound();
  const parsed = parseForm(await request.formData(), conflictSchema);
  if (!parsed.success) return invalidForm(parsed);
  const result = await declareConflict(db, user, parsed.data);
  if (!result.ok) return refusedAnswer(result, parsed.data);
  return redirect(`/account/conflicts?declared=${result.value.created ? "1" : "0"}`);
}

export default function Conflicts() {
  const { conflicts, organisations, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const form = useValidatedForm(conflictSchema, { serverErrors: actionData?.errors, defaultValues: actionData?.values });
  return (
    <div className="stack">
      <BackLink to="/account">Account</BackLink>
      <h1>Conflicts of interest</h1>
      <p>
        A conflict you declare applies to every role you hold ({roles.join(", ")}): you will not be asked to review, vote on, record the decision on or hear an
        appeal about that organisation.
      </p>
      {params.get("declared") ? (
        <p className="alert success" role="status">
          {params.get("declared") === "1" ? "Conflict declared." : "You had already declared that conflict."}
        </p>
      ) : null}
      {conflicts.length ? (
        <ul>
          {conflicts.map((c) => (
            <li key={c.id}>
              <strong>{c.organisationName}</strong> (declared {formatDate(c.createdAt)}){c.note ? `: ${c.note}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">You have declared no conflicts.</p>
      )}
      <Form method="post" noValidate onSubmit={form.onSubmit} className="card stack">
        <h2>Declare a conflict</h2>
        <ErrorSummary errors={actionData?.errors} />
        <Field id="organisationId" label="Organisation" error={form.errorFor("organisationId")}>
          {(control) => (
            <select {...control} {...form.register("organisationId")}>
              <Options blank="Choose…" choices={organisations.map((o) => [o.id, o.name])} />
            </select>
          )}
        </Field>
        <Field id="note" label="What the conflict is" hint="For example: former employee, paid consultant, family member works there." error={form.errorFor("note")}>
          {(control) => <textarea rows={3} {...control} {...form.register("note")} />}
        </Field>
        <button type="submit">Declare conflict</button>
      </Form>
    </div>
  );
}
