import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { recordFormAction, requireRecord } from "~/services/request.server";
import { complaintForStaff, staffComplaintAction } from "~/services/complaints-staff.server";
import { COMPLAINT_OUTCOME_LABELS, COMPLAINT_STATUS_LABELS, staffComplaintSchema, type ComplaintAction } from "~/domain/complaints";
import { ErrorSummary, Field, Options } from "~/components/form";
import { ComplaintTimeline } from "~/components/safeguards/complaint-timeline";
import { formatDate as formatDay } from "~/domain/format";
import { sectionErrorBoundary } from "~/components/route-error";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = () => [{ title: "Complaint · Administration" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, complaintForStaff, "staff:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  return recordFormAction(request, params, { find: complaintForStaff, permission: "staff:access", schema: staffComplaintSchema, step: staffComplaintAction, done: (input) => redirect(`/admin/complaints/${params.id}?done=${input.intent}`, 303) });
}

const FORMS: Partial<Record<ComplaintAction, { button: string; label: string; hint: string }>> = {
  accept: { button: "Accept for investigation", label: "Note (internal, optional)", hint: "Starts the investigation; the outcome is due in 60 days." },
  not_in_scope: { button: "Not in scope", label: "Why it is not in scope", hint: "The complainant is told this." },
  request_response: { button: "Ask the provider to respond", label: "What the provider should answer", hint: "The provider sees the complaint without the complainant's identity unless they agreed; 14 days to respond." },
  close_unfounded: { button: "Close as unfounded", label: "Reasons", hint: "Sent to the complainant and shown to the provider." },
  close_upheld: { button: "Uphold with corrective action", label: "Reasons and corrective action required", hint: "Sent to the complainant and shown to the provider." },
  propose_suspension: { button: "Uphold and propose suspension", label: "Reasons for the suspension", hint: "Then carry out the suspension below." },
  carry_out_suspension: { button: "Suspend the accreditation", label: "Suspension reason (the provider is told it)", hint: "Through the accreditation lifecycle: the directory and verify page change at once." },
};

export default function StaffComplaint() {
  const { complaint: c, organisation, events, accreditations, actions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> | undefined = actionData?.errors;
  const suspendable = accreditations.filter((a) => a.status === "active");
  return (
    <div className="stack">
      <BackLink to="/admin/complaints">Complaints</BackLink>
      <h1>Complaint about {organisation.name}</h1>
      <p>
        <strong>{COMPLAINT_STATUS_LABELS[c.status]}</strong>
        {c.outcome ? ` · ${COMPLAINT_OUTCOME_LABELS[c.outcome]}` : ""}
        {c.triageDueAt && c.status === "received" ? ` · triage by ${formatDay(c.triageDueAt)}` : ""}
        {c.responseDueAt ? ` · provider's response due ${formatDay(c.responseDueAt)}` : ""}
        {c.resolutionDueAt && !c.closedAt ? ` · outcome due ${formatDay(c.resolutionDueAt)}` : ""}
      </p>
      <dl className="card">
        <dt>Complainant</dt>
        <dd>
          {c.complainantName} ({c.complainantEmail}) · {c.consentToShare ? "agreed to be named to the provider" : "not to be named to the provider"}
        </dd>
        <dt>Provider</dt>
        <dd>
          <Link to={`/providers/${organisation.slug}`}>{organisation.name}</Link>
        </dd>
        <dt>Complaint</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{c.details}</dd>
      </dl>
      <ErrorSummary errors={errors} />
      {actions.map((intent) => {
        const f = FORMS[intent];
        if (!f) return null;
        if (intent === "carry_out_suspension" && suspendable.length === 0) return <p key={intent}>The provider has no active accreditation to suspend.</p>;
        return (
          <Form key={intent} method="post" className="card stack" aria-label={f.button}>
            <input type="hidden" name="intent" value={intent} />
            {intent === "carry_out_suspension" ? (
              <Field id="accreditationId" label="Accreditation" error={errors?.accreditationId}>
                {(control) => (
                  <select {...control} name="accreditationId">
                    <Options choices={suspendable.map((a) => [a.id, a.certificateNumber])} />
                  </select>
                )}
              </Field>
            ) : null}
            <Field id={`note-${intent}`} label={f.label} hint={f.hint} error={actionData?.values && actionData.values.intent === intent ? errors?.note : undefined}>
              {(control) => <textarea {...control} name="note" rows={3} />}
            </Field>
            <button type="submit">{f.button}</button>
          </Form>
        );
      })}
      <section aria-labelledby="timeline">
        <h2 id="timeline">Timeline</h2>
        <ComplaintTimeline events={events} />
      </section>
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
