import { formatDateTime } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requirePermission, requireRecord, submitRecordForm } from "~/services/request.server";
import { decisionView, recordDecision } from "~/services/board-decision.server";
import { BoardSummary } from "~/components/board/board-summary";
import { RecusedBadge, TallyTable, VoteBadge } from "~/components/board/tally";
import { ErrorSummary, useValidatedForm, FieldError, SubmitButton, InputField, TextAreaField } from "~/components/form";
import { longText, text } from "~/domain/forms";
import { sectionErrorBoundary } from "~/components/route-error";
import { PrintButton } from "~/components/ui/print-button";
import { DataTable } from "~/components/ui/list-table";
import { BackLink } from "~/components/ui/back-link";
import { CardSection } from "~/components/ui/card-section";
import { Fact } from "~/components/ui/fact";
import { CertificateLink } from "~/components/certificate";

const decisionSchema = z
  .object({
    outcome: z.enum(["accredited", "rejected"], { errorMap: () => ({ message: "Choose the outcome" }) }),
    conditions: longText("the conditions", { max: 4000 }),
    rationale: longText("the rationale", { max: 8000 }),
    meetingReference: text("the meeting reference", { max: 200 }),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === "rejected" && v.rationale === "") {
      ctx.addIssue({ code: "custom", path: ["rationale"], message: "Write the rationale for the rejection; the provider is shown it" });
    }
  });

export const meta: MetaFunction = () => [{ title: "Record the decision · Administration" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await requireRecord(request, params.id, decisionView, "staff:access")).record;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "staff:access");
  // recordDecision finds the application itself (404 when it does not): no second read of the decision page.
  return submitRecordForm(await request.formData(), user, params.id, { schema: decisionSchema, step: recordDecision, done: () => redirect(`/admin/applications/${params.id}/decision?done=1`) });
}

export default function RecordDecision() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { summary, members, tally, decision } = view;
  return (
    <div className="stack">
      <BackLink to={`/admin/applications/${summary.id}`}>{summary.organisationName}</BackLink>
      <h1>Decision: {summary.organisationName}</h1>
      <PrintButton />
      {params.get("done") && decision ? (
        <p className="alert success" role="status">
          Decision recorded. The organisation&apos;s members have been emailed.
        </p>
      ) : null}
      {decision ? (
        <CardSection headingId="recorded" heading="Recorded decision">
          <dl>
            <dt>Outcome</dt>
            <dd>{decision.outcome === "accredited" ? "Accredited" : "Not accredited (rejected)"}</dd>
            {decision.certificateNumber ? <Fact term="Certificate"><CertificateLink number={decision.certificateNumber} /></Fact> : null}
            {decision.conditions ? (
              <Fact term="Conditions" style={{ whiteSpace: "pre-wrap" }}>
                {decision.conditions}
              </Fact>
            ) : null}
            <dt>Rationale</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{decision.rationale || "—"}</dd>
            <dt>Meeting</dt>
            <dd>{decision.meetingReference || "—"}</dd>
            <dt>Recorded</dt>
            <dd>
              {formatDateTime(decision.createdAt)}
              {decision.recordedByName ? ` by ${decision.recordedByName}` : ""}
            </dd>
          </dl>
          <h3>The tally it rests on</h3>
          <TallyTable tally={tally} caption="Tally stored with the decision" />
        </CardSection>
      ) : null}
      <CardSection headingId="votes" heading="Board votes">
        {decision ? null : <TallyTable tally={tally} />}
        <DataTable caption="Each board member's vote" headings={["Member", "Vote", "Comment"]}>
          {members.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th>
              <td>{m.recused ? <RecusedBadge reason={m.recused} /> : m.vote ? <VoteBadge vote={m.vote} /> : "Not yet voted"}</td>
              <td>{m.recused ? "" : m.comment}</td>
            </tr>
          ))}
        </DataTable>
      </CardSection>
      {decision ? null : view.canDecide ? (
        <DecisionForm actionData={actionData} quorumReached={tally.reached} majority={tally.majority} />
      ) : (
        <p className="alert info">You cannot record this decision.</p>
      )}
      <BoardSummary summary={summary} />
    </div>
  );
}

function DecisionForm({
  actionData,
  quorumReached,
  majority,
}: {
  actionData: { errors: Record<string, string>; values: Record<string, unknown> } | undefined;
  quorumReached: boolean;
  majority: "accredited" | "rejected" | null;
}) {
  const navigation = useNavigation();
  const form = useValidatedForm(decisionSchema, {
    serverErrors: actionData?.errors,
    // No outcome is pre-selected, not even the majority's: the decision is staff's to choose, and a default gets recorded unread.
    defaultValues: { outcome: "", conditions: "", rationale: "", meetingReference: "", ...(actionData?.values ?? {}) },
  });
  const outcomeError = form.errorFor("outcome");
  return (
    <CardSection headingId="record" heading="Record the decision">
      {quorumReached ? null : (
        <p className="alert warn">The board has not reached quorum yet: the decision will be refused until enough members have voted.</p>
      )}
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <fieldset className="field" aria-describedby={[majority ? "outcome-hint" : "", outcomeError ? "outcome-error" : ""].filter(Boolean).join(" ") || undefined}>
          <legend>Outcome</legend>
          {majority ? (
            <p className="hint" id="outcome-hint">
              The board majority voted to {majority === "accredited" ? "accredit" : "reject"}. Choose the outcome yourself; a choice against the
              majority needs a rationale.
            </p>
          ) : null}
          <div className="checks">
            <label>
              <input type="radio" value="accredited" {...form.register("outcome")} /> Accredit
            </label>
            <label>
              <input type="radio" value="rejected" {...form.register("outcome")} /> Reject
            </label>
          </div>
          <FieldError fieldId="outcome" error={outcomeError} />
        </fieldset>
        <TextAreaField form={form} name="conditions" label="Conditions (if accredited)" hint="Stored with the accreditation and shown to the provider." rows={3} />
        <TextAreaField form={form} name="rationale" label="Rationale" hint="Required for a rejection (the provider is shown it) and for an outcome against the board majority (say why)." rows={5} />
        <InputField form={form} name="meetingReference" label="Meeting reference" hint="For example: Board meeting 2026-03-12, item 4." type="text" />
        <SubmitButton disabled={navigation.state === "submitting"}>Record the decision</SubmitButton>
      </Form>
    </CardSection>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
