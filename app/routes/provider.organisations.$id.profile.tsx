import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, useValidatedForm, SubmitButton, InputField, TextAreaField } from "~/components/form";
import { formatDateTime } from "~/domain/format";
import { isUuid } from "~/domain/forms";
import { can } from "~/domain/policy";
import { proposeProfileChangeSchema } from "~/domain/profile-change";
import { db } from "~/services/db.server";
import { getOrganisationForMember } from "~/services/organisations.server";
import { profileChangesForOrganisation, proposeProfileChange } from "~/services/profile-changes.server";
import { notFound, requireUser, submitForm } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Public profile — Rust Training Accreditation" }];

/** The member's organisation named in the address; anyone else gets 404. */
async function memberOrganisation(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  if (!id || !isUuid(id)) notFound();
  const org = await getOrganisationForMember(db, user, id);
  if (!org || !can(user, "organisation:edit", { kind: "organisation", organisationId: org.id })) notFound();
  return { user, org };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await memberOrganisation(request, params.id);
  const changes = await profileChangesForOrganisation(db, org.id);
  return {
    organisation: { id: org.id, slug: org.slug, displayName: org.displayName, description: org.description, website: org.website ?? "" },
    ...changes,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await memberOrganisation(request, params.id);
  return submitForm(await request.formData(), user, {
    schema: proposeProfileChangeSchema,
    step: (db, user, input) => proposeProfileChange(db, user, org.id, input),
    done: () => redirect(`/provider/organisations/${org.id}/profile?proposed=1`),
  });
}

export default function PublicProfile() {
  const { organisation, pending, lastDecided, listed } = useLoaderData<typeof loader>();
  return (
    <div className="page medium">
      <h1>Public profile of {organisation.displayName}</h1>
      <p className="lede">
        While your organisation is accredited, the directory shows its public name, description and website as the foundation vouches for them: a
        change is published once the programme team approves it.{" "}
        {listed ? <Link to={`/providers/${organisation.slug}`}>See your public profile</Link> : null}
      </p>
      {lastDecided?.status === "rejected" && !pending ? (
        <div className="alert warn" role="status">
          <strong>Your change proposed on {formatDateTime(lastDecided.proposedAt)} was not approved.</strong>
          <p style={{ whiteSpace: "pre-wrap" }}>{lastDecided.reason}</p>
        </div>
      ) : null}
      {lastDecided?.status === "approved" && !pending ? (
        <p className="alert success" role="status">
          Your change proposed on {formatDateTime(lastDecided.proposedAt)} was approved and is published.
        </p>
      ) : null}
      {!listed ? (
        <p className="muted">
          Your organisation is not listed in the directory yet: edit its profile in your application&apos;s organisation section. Once accredited, changes
          to the public fields are proposed here.
        </p>
      ) : pending ? (
        <PendingChange change={pending} />
      ) : (
        <ProposeForm organisation={organisation} />
      )}
    </div>
  );
}

function PendingChange({ change }: { change: { proposedAt: Date; displayName: string; description: string; website: string | null } }) {
  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading">Waiting for review</h2>
      <p>
        You proposed this change on {formatDateTime(change.proposedAt)}. The programme team will approve or reject it; you will get an email either way.
      </p>
      <dl className="dir-facts">
        <dt>Public name</dt>
        <dd>{change.displayName}</dd>
        <dt>Website</dt>
        <dd>{change.website ?? "none"}</dd>
        <dt>Description</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{change.description}</dd>
      </dl>
    </section>
  );
}

function ProposeForm({ organisation }: { organisation: { displayName: string; description: string; website: string } }) {
  const actionData = useActionData<typeof action>();
  const defaults = { displayName: organisation.displayName, description: organisation.description, website: organisation.website };
  const form = useValidatedForm(proposeProfileChangeSchema, { serverErrors: actionData?.errors, defaultValues: { ...defaults, ...actionData?.values } });
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit} aria-labelledby="propose-heading">
      <h2 id="propose-heading">Propose a change</h2>
      <ErrorSummary errors={actionData?.errors} />
      <InputField form={form} name="displayName" label="Public name" hint="How learners know you, e.g. Ferris Training" type="text" autoComplete="organization" />
      <InputField form={form} name="website" label="Website (optional)" type="url" placeholder="https://" />
      <TextAreaField form={form} name="description" label="Description" hint="What you teach and to whom" rows={6} />
      <SubmitButton row>Send for review</SubmitButton>
    </Form>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
