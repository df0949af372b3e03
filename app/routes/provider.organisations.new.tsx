import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { ErrorSummary, useValidatedForm, SubmitButton } from "~/components/form";
import { OrganisationFields } from "~/components/provider/organisation-fields";
import { createOrganisationSchema } from "~/domain/application-forms";
import { parseForm } from "~/domain/forms";
import { can } from "~/domain/policy";
import { db } from "~/services/db.server";
import { invalidForm, refusalResponse } from "~/http.server";
import { createOrganisation } from "~/services/organisations.server";
import { notFound, requireUser } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Create an organisation — Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { contactEmail: user.email };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await request.formData(), createOrganisationSchema);
  if (!parsed.success) return invalidForm(parsed);
  if (!can(user, "provider:access")) notFound();
  const result = await createOrganisation(db, user, parsed.data);
  if (!result.ok) return refusalResponse<Record<string, unknown>>(result, parsed.data);
  return redirect("/provider?created=organisation");
}

export default function NewOrganisation() {
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(createOrganisationSchema, { serverErrors: actionData?.errors, defaultValues: { country: "", ...actionData?.values } });
  return (
    <div className="medium">
      <h1>Create your organisation</h1>
      <p className="lede">This is the training company that applies for accreditation. You become its owner and can invite colleagues.</p>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={actionData?.errors} />
        <OrganisationFields form={form} withSlug />
        <div className="row">
          <SubmitButton>Create organisation</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
