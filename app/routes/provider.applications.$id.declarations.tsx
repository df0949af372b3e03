import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useValidatedForm, FieldError, InputField } from "~/components/form";
import { ReadOnlyNotice, SavedNotice, SectionForm } from "~/components/provider/section";
import { APPLICATION_NOT_EDITABLE, declarationsSchema } from "~/domain/application-forms";
import { can } from "~/domain/policy";
import { refused } from "~/domain/outcome";
import { requireMemberApplication } from "~/services/applications.server";
import { submitForm } from "~/services/request.server";
import { saveDeclarations } from "~/services/application-sections.server";
import { sectionErrorBoundary } from "~/components/route-error";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application, facts } = await requireMemberApplication(request, params.id);
  const d = application.declarations;
  return {
    editable: can(user, "application:edit", facts),
    version: application.declarationsVersion,
    values: { accurate: d?.accurate ?? false, codeOfConduct: d?.codeOfConduct ?? false, dataProcessing: d?.dataProcessing ?? false, signedBy: d?.signedBy ?? user.name },
    signedAt: d?.signedAt ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application, facts } = await requireMemberApplication(request, params.id);
  const editable = can(user, "application:edit", facts);
  return submitForm(await request.formData(), user, {
    schema: declarationsSchema,
    step: async (db, user, input) => (editable ? saveDeclarations(db, user, application.id, input) : refused(409, APPLICATION_NOT_EDITABLE)),
    done: () => redirect(`/provider/applications/${application.id}/declarations?saved=1`),
  });
}

export default function DeclarationsSection() {
  const { editable, version, values, signedAt } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Declarations</h1>
      <SavedNotice />
      <ReadOnlyNotice editable={editable} />
      {signedAt ? <p className="muted small">Last signed by {values.signedBy} on {new Date(signedAt).toUTCString()}.</p> : null}
      <DeclarationsForm key={version} version={version} values={values} editable={editable} />
    </>
  );
}

function DeclarationsForm({ version, values, editable }: { version: number; values: Record<string, unknown>; editable: boolean }) {
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(declarationsSchema, { serverErrors: actionData?.errors, defaultValues: { version, ...values, ...actionData?.values } });
  const check = (name: "accurate" | "codeOfConduct" | "dataProcessing", label: string) => {
    const error = form.errorFor(name);
    return (
      <div className="field">
        <label className="check">
          <input type="checkbox" {...form.register(name)} aria-invalid={Boolean(error)} aria-describedby={error ? `${name}-error` : undefined} /> {label}
        </label>
        <FieldError fieldId={name} error={error} />
      </div>
    );
  };
  return (
    <SectionForm form={form} errors={actionData?.errors} editable={editable} legend="Declarations" hidden={["version"]} submit="Save declarations">
      {check("accurate", "The information in this application is accurate and complete to the best of our knowledge.")}
      {check("codeOfConduct", "We follow the foundation's code of conduct in our courses and community.")}
      {check("dataProcessing", "We agree that the foundation stores this application and shares it with its reviewers and board.")}
      <InputField form={form} name="signedBy" label="Your full name, as signature" type="text" autoComplete="name" />
    </SectionForm>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
