import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requireMember, submitForm } from "~/services/request.server";
import { appealsForProvider, lodgeAppeal } from "~/services/appeals.server";
import { APPEAL_KIND_LABELS, APPEAL_STATUS_LABELS, lodgeAppealSchema } from "~/domain/appeals";
import { formatDate } from "~/domain/format";
import { ErrorSummary, Field, useValidatedForm, RadioGroup, SubmitButton } from "~/components/form";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Appeals · Provider" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireMember(request);
  return appealsForProvider(db, user);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMember(request);
  return submitForm(await request.formData(), user, { schema: lodgeAppealSchema, step: lodgeAppeal, done: (_input, appeal) => redirect(`/provider/appeals/${appeal.id}?lodged=1`, 303) });
}

export default function ProviderAppeals() {
  const { appeals, appealable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const values = actionData?.values as Record<string, unknown> | undefined;
  const form = useValidatedForm(lodgeAppealSchema, { serverErrors: actionData?.errors, defaultValues: { decision: params.get("decision") ?? "", grounds: "", ...values } });
  return (
    <div className="stack">
      <h1>Appeals</h1>
      <p className="muted">
        You may appeal against a rejection, a suspension or a revocation within the appeal window. A panel of board members who took no part in the decision hears it.
      </p>
      <ErrorSummary errors={actionData?.errors} />
      <section aria-labelledby="lodged-heading">
        <h2 id="lodged-heading">Your appeals</h2>
        {appeals.length === 0 ? (
          <p>No appeals lodged.</p>
        ) : (
          <ul>
            {appeals.map((a) => (
              <li key={a.id}>
                <Link to={`/provider/appeals/${a.id}`}>{a.summary}</Link> · {a.organisationName} · {APPEAL_STATUS_LABELS[a.status]} · lodged {formatDate(a.filedAt)}
              </li>
            ))}
          </ul>
        )}
      </section>
      {appealable.length > 0 ? (
        <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="lodge-heading">
          <h2 id="lodge-heading">Lodge an appeal</h2>
          <RadioGroup
            name="decision"
            legend="Decision you appeal against"
            options={appealable.map((d) => [d.key, <>{APPEAL_KIND_LABELS[d.kind]}: {d.summary} (appeal by {formatDate(d.deadline)})</>])}
            error={form.errorFor("decision")}
            inputProps={form.register("decision")}
          />
          <Field id="grounds" label="Grounds for appeal" hint="Why the decision should be changed: facts the decision missed or got wrong. At least 50 characters." error={form.errorFor("grounds")}>
            {(p) => <textarea rows={8} {...p} {...form.register("grounds")} />}
          </Field>
          <SubmitButton>Lodge appeal</SubmitButton>
        </Form>
      ) : (
        <p className="muted">None of your organisation&apos;s decisions can be appealed now.</p>
      )}
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
