import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "~/services/db.server";
import { notFound, refusedAnswer } from "~/services/request.server";
import { complaintForComplainant, confirmComplaint } from "~/services/complaints.server";
import { COMPLAINT_OUTCOME_LABELS, COMPLAINT_STATUS_LABELS } from "~/domain/complaints";
import { ComplaintTimeline } from "~/components/safeguards/complaint-timeline";
import { Fact } from "~/components/ui/fact";

// The link is private: never indexed, never sent on as a referrer.
export const meta: MetaFunction = () => [{ title: "Your complaint · Rust Training Accreditation" }, { name: "robots", content: "noindex" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const view = await complaintForComplainant(db, params.token ?? "");
  if (!view) notFound("This link does not match a complaint, or it lapsed before it was confirmed.");
  return view;
}

/** Confirming is a POST behind a button: mail scanners open links, they do not press buttons. */
export async function action({ params }: ActionFunctionArgs) {
  const result = await confirmComplaint(db, params.token ?? "");
  if (!result.ok) return refusedAnswer(result);
  return redirect(`/complaints/${params.token}?confirmed=1`, 303);
}

export default function ComplaintStatus() {
  const c = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="page medium stack">
      <h1>Your complaint about {c.organisationName}</h1>
      {params.get("confirmed") ? (
        <p className="alert success" role="status">
          Thank you. Your complaint has reached the programme team.
        </p>
      ) : null}
      {c.status === "unconfirmed" ? (
        <Form method="post" className="card">
          <p>Confirm that you sent this complaint. Only then does it reach the programme team.</p>
          <button type="submit">Confirm my complaint</button>
        </Form>
      ) : null}
      <dl>
        <dt>Status</dt>
        <dd>{COMPLAINT_STATUS_LABELS[c.status]}</dd>
        {c.outcome ? <Fact term="Outcome">{COMPLAINT_OUTCOME_LABELS[c.outcome]}</Fact> : null}
        <dt>From</dt>
        <dd>
          {c.name} ({c.email})
        </dd>
        <dt>Shared with the provider</dt>
        <dd>{c.consentToShare ? "Your name and email address may be shown to the provider." : "Your name and email address are not shown to the provider."}</dd>
        <dt>Provider</dt>
        <dd>
          <Link to={`/providers/${c.organisationSlug}`}>{c.organisationName}</Link>
        </dd>
      </dl>
      <section aria-labelledby="what">
        <h2 id="what">What you wrote</h2>
        <p style={{ whiteSpace: "pre-wrap" }}>{c.details}</p>
      </section>
      <section aria-labelledby="progress">
        <h2 id="progress">Progress</h2>
        <ComplaintTimeline events={c.events} />
      </section>
    </div>
  );
}
