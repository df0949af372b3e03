import { formatDateTime, applicationKindLabel } from "~/domain/format";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { db } from "~/services/db.server";
import { notFound, requirePermission, submitRecordForm } from "~/services/request.server";
import { boardApplication, castVote } from "~/services/board.server";
import { hasPublicProfile } from "~/services/provider-profile.server";
import { BoardSummary } from "~/components/board/board-summary";
import { RecusedBadge, TallyTable, VoteBadge } from "~/components/board/tally";
import { ErrorSummary, useValidatedForm, FieldError, SubmitButton, TextAreaField } from "~/components/form";
import { longText } from "~/domain/forms";
import { VOTE_CHOICES, VOTE_LABELS } from "~/domain/tally";
import { DisputeList } from "~/components/review/dispute-list";
import { sectionErrorBoundary } from "~/components/route-error";
import { BackLink } from "~/components/ui/back-link";
import { CardSection } from "~/components/ui/card-section";

const CONDITIONS_REQUIRED = "Write the conditions you would set: “Approve with conditions” needs them.";

// The same schema checks the form in the browser and in the action: conditions are required when chosen.
const voteSchema = z
  .object({
    vote: z.enum(VOTE_CHOICES, { errorMap: () => ({ message: "Choose how you vote" }) }),
    comment: longText("a comment", { max: 2000 }),
  })
  .superRefine((v, ctx) => {
    if (v.vote === "approve_with_conditions" && v.comment.trim() === "")
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["comment"], message: CONDITIONS_REQUIRED });
  });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data && "organisationName" in data ? data.organisationName : "Vote"} · Board · Rust Training Accreditation` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "board:access");
  const view = await boardApplication(db, user, params.applicationId ?? "");
  if (!view) notFound();
  // Link the public profile only when there is one (only accredited providers are listed).
  const listed = view.recused ? false : await hasPublicProfile(view.summary.organisationSlug);
  return { ...view, hasPublicProfile: listed, organisationName: view.recused ? view.organisationName : view.summary.organisationName };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "board:access");
  // castVote finds the application as the board member sees it (404 when they may not): no second read of the page.
  return submitRecordForm(await request.formData(), user, params.applicationId, {
    schema: voteSchema,
    step: castVote,
    done: (_input, vote) => redirect(`/board/${params.applicationId}?voted=${vote.already ? "already" : vote.changed ? "changed" : "cast"}`),
  });
}

export default function BoardVote() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  if (view.recused) {
    return (
      <div className="stack">
        <BackLink to="/board">Board</BackLink>
        <h1>{view.organisationName}</h1>
        <p className="alert info">
          <RecusedBadge reason={view.recused} /> You are recused from this application:{" "}
          {view.recused === "member" ? "you belong to the applying organisation" : "you declared a conflict of interest with it"}. You cannot vote on
          it, and its scores and votes are not shown to you.
        </p>
      </div>
    );
  }
  const { summary, members, myVote, tally, votes, decision } = view;
  const voted = params.get("voted");
  return (
    <div className="stack">
      <BackLink to="/board">Board</BackLink>
      <h1>{summary.organisationName}</h1>
      <p className="muted">
        {applicationKindLabel(summary.kind)} application · revision {summary.currentRevision} ·{" "}
        {view.hasPublicProfile ? <Link to={`/providers/${summary.organisationSlug}`}>public profile</Link> : "not listed in the public directory yet"}
      </p>
      {voted ? (
        <p className="alert success" role="status">
          {voted === "changed" ? "Your vote was changed." : voted === "already" ? "Your vote was already recorded, as it stands below." : "Your vote was recorded."}
        </p>
      ) : null}
      {decision ? (
        <CardSection headingId="decision" heading="Decision recorded">
          <p>
            {decision.outcome === "accredited"
              ? `Accredited${decision.certificateNumber ? `, certificate ${decision.certificateNumber}` : ""}`
              : "Not accredited"}
            , recorded {formatDateTime(decision.createdAt)}
            {decision.recordedByName ? ` by ${decision.recordedByName}` : ""}
            {decision.meetingReference ? ` (${decision.meetingReference})` : ""}.
          </p>
          {decision.conditions ? <p>Conditions: {decision.conditions}</p> : null}
          {decision.rationale ? <p style={{ whiteSpace: "pre-wrap" }}>Rationale: {decision.rationale}</p> : null}
        </CardSection>
      ) : null}
      <CardSection headingId="tally" heading="Tally">
        {tally ? (
          <TallyTable tally={tally} />
        ) : (
          <p className="muted">The tally is shown once you have voted, so that nobody is swayed by the others.</p>
        )}
        <h3>Board members</h3>
        <ul>
          {members.map((m) => {
            const v = votes?.find((x) => x.userId === m.id);
            return (
              <li key={m.id}>
                {m.name}:{" "}
                {m.recused ? (
                  <RecusedBadge reason={m.recused} />
                ) : v ? (
                  <>
                    <VoteBadge vote={v.vote} />
                    {v.comment ? <span className="small"> “{v.comment}”</span> : null}
                  </>
                ) : m.voted ? (
                  "has voted"
                ) : (
                  "not yet voted"
                )}
              </li>
            );
          })}
        </ul>
      </CardSection>
      <BoardSummary summary={summary} />
      <CardSection headingId="disputes" heading="Mapping disputes">
        <DisputeList mappings={view.disputes} empty="No reviewer disputed a mapping of this application." />
      </CardSection>
      {/* Evidence first, the vote last: the form follows everything it should rest on. */}
      {decision ? null : (
        <VoteForm
          key={`${myVote?.vote ?? "none"}-${myVote?.comment ?? ""}`}
          myVote={myVote}
          actionData={actionData}
          organisationName={summary.organisationName}
        />
      )}
    </div>
  );
}

function VoteForm({
  myVote,
  actionData,
  organisationName,
}: {
  myVote: { vote: (typeof VOTE_CHOICES)[number]; comment: string } | null;
  actionData: { errors: Record<string, string>; values: Record<string, unknown> } | undefined;
  organisationName: string;
}) {
  const navigation = useNavigation();
  const defaults = { vote: myVote?.vote ?? "", comment: myVote?.comment ?? "", ...(actionData?.values ?? {}) };
  const form = useValidatedForm(voteSchema, { serverErrors: actionData?.errors, defaultValues: defaults });
  const voteError = form.errorFor("vote");
  return (
    <CardSection headingId="vote" heading={myVote ? "Your vote" : "Vote"}>
      {myVote ? (
        <p>
          You voted <VoteBadge vote={myVote.vote} />. You may change your vote until staff record the decision.
        </p>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <fieldset className="field" aria-describedby={voteError ? "vote-error" : undefined}>
          <legend>Your vote on {organisationName}</legend>
          <div className="checks">
            {VOTE_CHOICES.map((choice) => (
              <label key={choice}>
                <input type="radio" value={choice} {...form.register("vote")} /> {VOTE_LABELS[choice]}
              </label>
            ))}
          </div>
          <FieldError fieldId="vote" error={voteError} />
        </fieldset>
        <TextAreaField form={form} name="comment" label="Comment and conditions" hint="Shown to the other board members and to staff. Required when you approve with conditions: write the conditions here." rows={4} />
        <SubmitButton disabled={navigation.state === "submitting"}>{myVote ? "Change my vote" : "Cast my vote"}</SubmitButton>
      </Form>
    </CardSection>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/board", label: "Back to the board" });
