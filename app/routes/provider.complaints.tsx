import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requireMember, submitForm } from "~/services/request.server";
import { complaintsForProvider, respondToComplaint } from "~/services/complaints-staff.server";
import { COMPLAINT_OUTCOME_LABELS, COMPLAINT_STATUS_LABELS, providerResponseSchema } from "~/domain/complaints";
import { ErrorSummary, Field } from "~/components/form";
import { ComplaintTimeline } from "~/components/safeguards/complaint-timeline";
import { formatDate as formatDay } from "~/domain/format";
import { sectionErrorBoundary } from "~/components/route-error";
import { StepAlerts } from "~/components/ui/step-alerts";

export const meta: MetaFunction = () => [{ title: "Complaints · Provider" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireMember(request);
  return { complaints: await complaintsForProvider(db, user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMember(request);
  return submitForm(await request.formData(), user, { schema: providerResponseSchema, step: respondToComplaint, done: () => redirect("/provider/complaints?responded=1", 303) });
}

export default function ProviderComplaints() {
  const { complaints } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors: Record<string, string> | undefined = actionData?.errors;
  return (
    <div className="stack">
      <h1>Complaints</h1>
      <p className="muted">
        Complaints the foundation asked you to respond to. You see what was complained about; who complained only if they agreed.
      </p>
      <StepAlerts done={params.get("responded") ? "Your response was sent to the programme team." : null} />
      {complaints.length === 0 ? <p>No complaints have been put to you.</p> : null}
      {complaints.map((c) => (
        <article key={c.id} className="card stack" aria-labelledby={`complaint-${c.id}`}>
          <h2 id={`complaint-${c.id}`}>
            Complaint about {c.organisationName}, received {formatDay(c.receivedAt)}
          </h2>
          <p>
            <strong>{COMPLAINT_STATUS_LABELS[c.status]}</strong>
            {c.outcome ? ` · ${COMPLAINT_OUTCOME_LABELS[c.outcome]}` : ""}
            {c.responseDueAt ? ` · your response is due ${formatDay(c.responseDueAt)}` : ""}
          </p>
          <p>{c.complainant ? `From ${c.complainant.name} (${c.complainant.email})` : "The complainant asked not to be named to you."}</p>
          <p style={{ whiteSpace: "pre-wrap" }}>{c.details}</p>
          <ComplaintTimeline events={c.events} />
          {c.canRespond ? (
            <Form method="post" className="stack">
              <ErrorSummary errors={actionData?.values?.complaintId === c.id ? errors : undefined} />
              <input type="hidden" name="complaintId" value={c.id} />
              <Field id={`response-${c.id}`} label="Your response" error={actionData?.values?.complaintId === c.id ? errors?.response : undefined}>
                {(control) => <textarea {...control} name="response" rows={5} />}
              </Field>
              <button type="submit">Send response</button>
            </Form>
          ) : null}
        </article>
      ))}
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
