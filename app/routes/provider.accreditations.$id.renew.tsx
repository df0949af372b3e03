import { daysLeftLabel, formatDate, humanize } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { notFound, refusedAnswer, requireUser } from "~/services/request.server";
import { accreditationForMember } from "~/services/accreditation-lists.server";
import { startRenewal } from "~/services/renewals.server";
import { ScopeTable } from "~/components/board/board-summary";
import { membershipOf } from "~/domain/policy";
import { RENEWAL_WINDOW_DAYS } from "~/domain/accreditation";
import { sectionErrorBoundary } from "~/components/route-error";
import { StepAlerts } from "~/components/ui/step-alerts";
import { SubmitButton } from "~/components/form";
import { AccreditationPage } from "~/components/provider/accreditation-page";

export const meta: MetaFunction = () => [{ title: "Renew an accreditation · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const accreditation = await accreditationForMember(db, user, params.id ?? "");
  if (!accreditation) notFound();
  return { accreditation, isOwner: membershipOf(user, accreditation.organisationId) === "owner" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await startRenewal(db, user, params.id ?? "");
  if (!result.ok) return refusedAnswer(result);
  return redirect(`/provider/applications/${result.value.applicationId}`);
}

export default function RenewAccreditation() {
  const { accreditation: a, isOwner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const underWay = a.renewal.applicationId;
  return (
    <AccreditationPage heading={`Renew certificate ${a.certificateNumber}`} accreditation={a} facts={a.status === "active" || a.status === "expired" ? ` (${daysLeftLabel(a.daysLeft)})` : null}>
      <StepAlerts error={actionData?.errors.form} />
      {underWay ? (
        <p className="alert info">
          A renewal is already under way ({a.renewal.applicationStatus ? humanize(a.renewal.applicationStatus).toLowerCase() : "in progress"}).{" "}
          <Link to={`/provider/applications/${underWay}`}>Continue the renewal application</Link>
        </p>
      ) : a.renewal.open ? (
        <div className="card stack">
          <p>
            The renewal is a new application prefilled with the trainers, courses, syllabus modules, competency mappings and documents of the accredited
            application. Update what changed, sign the declarations again and submit: it goes through review and the board like the first time. When the board
            accredits it, the new certificate replaces this one.
          </p>
          {isOwner ? (
            <Form method="post">
              <SubmitButton>Start the renewal</SubmitButton>
            </Form>
          ) : (
            <p className="alert info">Only an owner of the organisation can start the renewal. Ask one of your owners.</p>
          )}
        </div>
      ) : a.status === "active" ? (
        <p className="alert info">
          Renewal opens {RENEWAL_WINDOW_DAYS} days before expiry, on {formatDate(a.renewal.opensOn)}. You will be emailed when it opens.
        </p>
      ) : (
        <p className="alert warn">This accreditation is {a.status}; only an active accreditation can be renewed. To be accredited again, start a new application.</p>
      )}
      <section aria-labelledby="scope">
        <h2 id="scope">Accredited scope</h2>
        <ScopeTable scope={a.scope} caption="Accredited course, language and delivery mode combinations" />
      </section>
    </AccreditationPage>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
