import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useValidatedForm } from "~/components/form";
import { OrganisationFields } from "~/components/provider/organisation-fields";
import { ReadOnlyNotice, SavedNotice, SectionForm } from "~/components/provider/section";
import { APPLICATION_NOT_EDITABLE, organisationSectionSchema } from "~/domain/application-forms";
import { parseForm } from "~/domain/forms";
import { can } from "~/domain/policy";
import { refused } from "~/domain/outcome";
import { db } from "~/services/db.server";
import { invalidForm, refusalResponse } from "~/http.server";
import { requireMemberApplication } from "~/services/applications.server";
import { updateOrganisationProfile } from "~/services/organisations.server";
import { sectionErrorBoundary } from "~/components/route-error";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, organisation: o, facts } = await requireMemberApplication(request, params.id);
  return {
    editable: can(user, "application:edit", facts),
    profile: { displayName: o.displayName, legalName: o.legalName, website: o.website ?? "", country: o.country ?? "", description: o.description, contactEmail: o.contactEmail ?? "", version: o.version },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, organisation, facts } = await requireMemberApplication(request, params.id);
  const parsed = parseForm(await request.formData(), organisationSectionSchema);
  if (!parsed.success) return invalidForm(parsed);
  if (!can(user, "application:edit", facts) || !can(user, "organisation:edit", { kind: "organisation", organisationId: organisation.id })) {
    return refusalResponse<Record<string, unknown>>(refused(409, APPLICATION_NOT_EDITABLE), parsed.data);
  }
  const result = await updateOrganisationProfile(db, user, organisation.id, parsed.data);
  // Keep what the person typed; only the version stays the one they loaded, so they must reload to overwrite.
  if (!result.ok) return refusalResponse<Record<string, unknown>>(result, parsed.data);
  return redirect(`/provider/applications/${params.id}/organisation?saved=1`);
}

export default function OrganisationSection() {
  const { profile, editable } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Organisation profile</h1>
      <p className="muted">The profile is your organisation&apos;s: changes here show on every application and, once accredited, on your public profile.</p>
      <SavedNotice />
      <ReadOnlyNotice editable={editable} />
      {/* Keyed by version: after a save the form starts again from the saved row and its new version. */}
      <ProfileForm key={profile.version} profile={profile} editable={editable} />
    </>
  );
}

function ProfileForm({ profile, editable }: { profile: Record<string, unknown>; editable: boolean }) {
  const actionData = useActionData<typeof action>();
  const form = useValidatedForm(organisationSectionSchema, { serverErrors: actionData?.errors, defaultValues: { ...profile, ...actionData?.values } });
  return (
    <SectionForm form={form} errors={actionData?.errors} editable={editable} legend="Organisation profile" hidden={["version"]} submit="Save organisation profile">
      <OrganisationFields form={form} />
    </SectionForm>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
