import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, Field, useValidatedForm, Options, SubmitButton } from "~/components/form";
import { startApplicationSchema } from "~/domain/application-forms";
import { parseForm } from "~/domain/forms";
import { can } from "~/domain/policy";
import { db } from "~/services/db.server";
import { invalidForm, refusalResponse } from "~/http.server";
import { publishedVersions, startApplication } from "~/services/applications.server";
import { listMyOrganisations } from "~/services/organisations.server";
import { notFound, requireUser } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Start an application — Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [organisations, { framework, rubric }] = await Promise.all([listMyOrganisations(db, user), publishedVersions(db)]);
  return {
    organisations: organisations.map((o) => ({ id: o.id, displayName: o.displayName })),
    framework: framework ? { title: framework.title, version: framework.version } : null,
    rubric: rubric ? { title: rubric.title, version: rubric.version } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await request.formData(), startApplicationSchema);
  if (!parsed.success) return invalidForm(parsed);
  if (!can(user, "organisation:apply", { kind: "organisation", organisationId: parsed.data.organisationId })) notFound();
  const result = await startApplication(db, user, parsed.data.organisationId);
  if (!result.ok) return refusalResponse<Record<string, unknown>>(result, parsed.data);
  return redirect(`/provider/applications/${result.value.id}/organisation`);
}

export default function NewApplication() {
  const { organisations, framework, rubric } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(startApplicationSchema, { serverErrors: actionData?.errors, defaultValues: { organisationId: organisations[0]?.id ?? "", ...actionData?.values } });
  if (organisations.length === 0) {
    return (
      <div className="empty-state">
        <strong>Create your organisation first</strong>
        <p>An application belongs to a training organisation.</p>
        <Link to="/provider/organisations/new" className="button">
          Create an organisation
        </Link>
      </div>
    );
  }
  return (
    <div className="medium">
      <h1>Start an accreditation application</h1>
      {framework ? (
        <p className="lede">
          The application is written against the {framework.title}, version {framework.version}
          {rubric ? `, and reviewed with the ${rubric.title}, version ${rubric.version}` : ""}. These stay pinned even if the foundation publishes new versions
          while you work.
        </p>
      ) : (
        <p className="alert warn">The foundation has not published a competency framework yet, so applications cannot start.</p>
      )}
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={actionData?.errors} />
        <Field id="organisationId" label="Organisation" error={form.errorFor("organisationId")}>
          {(p) => (
            <select {...p} {...form.register("organisationId")}>
              <Options choices={organisations.map((o) => [o.id, o.displayName])} />
            </select>
          )}
        </Field>
        <SubmitButton row disabled={!framework}>Start the application</SubmitButton>
      </Form>
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
