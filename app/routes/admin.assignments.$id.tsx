import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { PROPOSAL_STATUS_LABELS } from "~/domain/assignment-proposals";
import { decideProposalSchema } from "~/domain/assignment-proposals";
import { ErrorSummary, SubmitButton } from "~/components/form";
import { StatusBadge } from "~/components/provider/status";
import { formatDate, formatDateTime } from "~/domain/format";
import { requirePermission, requireRecord, submitRecordForm } from "~/services/request.server";
import { decideProposal, proposalView } from "~/services/auto-assign.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { DataTable } from "~/components/ui/list-table";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = () => [{ title: "Proposed assignment · Staff · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, proposalView, "staff:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  // decideProposal finds the proposal itself (404 when it does not): a bad form answers 400 before any read.
  return submitRecordForm(await request.formData(), user, params.id, {
    schema: decideProposalSchema,
    step: (db, staff, id, { intent }) => decideProposal(db, staff, id, intent),
    done: (input) => redirect(`/admin/assignments/${params.id}?done=${input.intent}`),
  });
}

const DONE: Record<string, string> = {
  approve: "Approved. The reviewers have been assigned and emailed; each must accept before reading the application.",
  discard: "Discarded. Nothing was sent.",
};

export default function Proposal() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  const assignments = view.applications.reduce((n, a) => n + a.reviewers.length, 0);
  const missing = view.applications.reduce((n, a) => n + a.missing, 0);
  return (
    <div>
      <BackLink to="/admin/assignments">Auto-assign reviewers</BackLink>
      <h1>Proposed assignment</h1>
      {done ? (
        <p className="alert success" role="status">
          {done}
        </p>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      <p>
        <span className="badge neutral">{PROPOSAL_STATUS_LABELS[view.status]}</span> Proposed by {view.createdBy} on {formatDateTime(view.createdAt)} ·{" "}
        {view.reviewersPerApplication} reviewers per application · at most {view.maxLoad} open assignments each · due {formatDate(view.dueAt)}
        {view.decidedBy && view.decidedAt ? ` · ${PROPOSAL_STATUS_LABELS[view.status].toLowerCase()} by ${view.decidedBy} on ${formatDateTime(view.decidedAt)}` : ""}
      </p>
      <p>
        {assignments} {assignments === 1 ? "assignment" : "assignments"} for {view.applications.length} {view.applications.length === 1 ? "application" : "applications"}, total expertise
        match {view.totalScore}.
      </p>
      {missing > 0 ? (
        <p className="alert warn">
          {missing} {missing === 1 ? "place stays" : "places stay"} unfilled: not enough reviewers without a conflict are under the load limit. Assign those by hand from
          the application, or propose again with a higher limit.
        </p>
      ) : null}
      <DataTable caption="Proposed reviewers per application" headings={["Application", "Status", "Proposed reviewers (matching areas)"]}>
        {view.applications.map((a) => (
          <tr key={a.id}>
            <th scope="row">
              <Link to={`/admin/applications/${a.id}`}>{a.organisationName}</Link>
            </th>
            <td>{a.status ? <StatusBadge status={a.status} /> : "—"}</td>
            <td>
              {a.reviewers.length === 0 ? <span className="muted">None proposed</span> : null}
              <ul className="plain">
                {a.reviewers.map((r) => (
                  <li key={r.id}>
                    {r.name} <span className="small muted">({r.matches.length > 0 ? r.matches.join(", ") : "no matching area"})</span>
                  </li>
                ))}
              </ul>
              {a.missing > 0 ? <span className="badge bad">{a.missing} missing</span> : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {view.status === "proposed" ? (
        <Form method="post" className="row">
          <SubmitButton name="intent" value="approve" disabled={assignments === 0}>Approve and notify reviewers</SubmitButton>
          <SubmitButton name="intent" value="discard" className="button secondary">Discard</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
