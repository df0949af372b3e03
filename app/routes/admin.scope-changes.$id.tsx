import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { decideScopeChangeSchema, SCOPE_CHANGE_STATUS_LABELS } from "~/domain/scope-changes";
import { OutcomeForm } from "~/components/ui/outcome-form";
import { ChangeSummary, ScopeChangeBadge } from "~/components/scope-changes";
import { ScopeTable } from "~/components/scope-table";
import { formatDateTime, humanize } from "~/domain/format";
import { recordFormAction, requireRecord } from "~/services/request.server";
import { decideScopeChange, scopeChangeForStaff } from "~/services/scope-changes.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { History } from "~/components/ui/history";
import { CaseHeader } from "~/components/ui/case-header";

export const meta: MetaFunction = () => [{ title: "Scope change · Staff · Rust Training Accreditation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, scopeChangeForStaff, "staff:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  return recordFormAction(request, params, { find: scopeChangeForStaff, permission: "staff:access", schema: decideScopeChangeSchema, step: decideScopeChange, done: (input) => redirect(`/admin/scope-changes/${params.id}?done=${input.outcome}`) });
}

const OUTCOMES = [
  ["approve", "Approve: apply the change and reissue the credential"],
  ["decline", "Decline"],
] as const;

const EVENTS: Record<string, string> = {
  "scope_change.requested": "Requested",
  "scope_change.approved": "Approved and applied",
  "scope_change.declined": "Declined",
  "scope_change.withdrawn": "Withdrawn by the provider",
};

export default function StaffScopeChange() {
  const change = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <CaseHeader
        back={{ to: "/admin/scope-changes", label: "Scope changes" }}
        heading={`${change.organisationName}: scope ${change.kind}`}
        badge={<ScopeChangeBadge status={change.status} />}
        certificateNumber={change.certificateNumber}
      >
        ({humanize(change.accreditationStatus).toLowerCase()}) · requested {formatDateTime(change.requestedAt)}
        {change.requestedByName ? ` by ${change.requestedByName}` : ""}
      </CaseHeader>
      {params.get("done") ? (
        <p className="alert success" role="status">
          Decision recorded: {SCOPE_CHANGE_STATUS_LABELS[change.status].toLowerCase()}. The provider has been emailed
          {change.status === "approved" ? "; a new credential was issued and the directory shows the new scope" : ""}.
        </p>
      ) : null}
      <section aria-labelledby="asked-heading">
        <h2 id="asked-heading">What is asked</h2>
        <ChangeSummary kind={change.kind} entries={change.entries} />
        <p className="prewrap">{change.reason}</p>
      </section>
      <ScopeTable scope={change.scope} caption="Accredited scope now" />
      {change.decisionNote ? <p className="prewrap">Note to the provider: {change.decisionNote}</p> : null}
      {change.actions.length > 0 ? (
        <OutcomeForm
          schema={decideScopeChangeSchema}
          heading={{ id: "decide-heading", text: "Decision" }}
          outcomes={OUTCOMES.filter(([outcome]) => change.actions.includes(outcome))}
          noteHint="Required to decline."
          submitLabel="Record decision"
          answer={actionData}
          notice={change.appliesCleanly ? <p className="alert warn">{change.appliesCleanly}</p> : null}
        />
      ) : null}
      <History events={change.timeline} labels={EVENTS} />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
