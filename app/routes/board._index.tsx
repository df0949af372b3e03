import { applicationKindLabel, formatDate, plural } from "~/domain/format";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { boardQueue, type QueueItem } from "~/services/board.server";
import { recentDecisions } from "~/services/board-decision.server";
import { RecusedBadge, VoteBadge } from "~/components/board/tally";
import { formatPercent, RECOMMENDATION_LABELS, type Recommendation } from "~/domain/scoring";
import { sectionErrorBoundary } from "~/components/route-error";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "board:access");
  const [queue, recent] = await Promise.all([boardQueue(db, user), recentDecisions(db, user)]);
  return { queue, recent };
}

export default function BoardQueue() {
  const { queue, recent } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Awaiting the board&apos;s decision</h1>
      <p className="lede">
        Each application in brief: its scores, the reviewers&apos; recommendations, whether its courses meet the coverage target and how many votes
        are in. Open it to read the whole summary and vote; you see how the others voted once you have voted.
      </p>
      <p>
        <Link to="/board/appeals">Appeals you hear</Link>
      </p>
      {queue.length === 0 ? (
        <div className="empty-state">
          <strong>Nothing awaits a vote.</strong>
          Staff forward applications here once every review is in; you are emailed when one arrives.
        </div>
      ) : (
        <div className="stack">
          {queue.map((item) => (
            <article className="card" key={item.id} aria-labelledby={`app-${item.id}`}>
              <div className="spread">
                <h2 id={`app-${item.id}`}>
                  <Link to={`/board/${item.id}`}>{item.organisationName}</Link>
                </h2>
                <p>
                  {item.recused ? <RecusedBadge reason={item.recused} /> : item.myVote ? <>You voted <VoteBadge vote={item.myVote} /></> : <span className="badge warn">Your vote is needed</span>}
                </p>
              </div>
              {/* Each line one string: one text node, not six, on each of the queue's cards (~70 at the bench's scale). */}
              <p className="muted">
                <span className="mono">{`ref ${item.id.slice(0, 8)}`}</span>
                {` · ${applicationKindLabel(item.kind)} application · revision ${item.currentRevision}${item.submittedAt ? ` · submitted ${formatDate(item.submittedAt)}` : ""} · with the board since ${formatDate(item.waitingSince)}`}
              </p>
              <QueueBrief item={item} />
              {item.recused ? null : (
                <p>
                  <Link className="button small" to={`/board/${item.id}`}>
                    {item.myVote ? "Change your vote" : "Read and vote"}
                    <span className="visually-hidden">{` on ${item.organisationName}`}</span>
                  </Link>
                </p>
              )}
            </article>
          ))}
        </div>
      )}
      {recent.length > 0 ? (
        <section aria-labelledby="recent">
          <h2 id="recent">Recent decisions</h2>
          <ul>
            {recent.map((d) => (
              <li key={d.applicationId}>
                {d.organisationName}: {d.outcome === "accredited" ? `accredited (${d.certificateNumber ?? "certificate pending"})` : "not accredited"} on{" "}
                {formatDate(d.decidedAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** Scores, recommendations, coverage and votes in one short list; nothing of an application the member is recused from. */
function QueueBrief({ item }: { item: Pick<QueueItem, "brief" | "votes" | "recused"> }) {
  const { brief, votes } = item;
  if (!brief) return <p>You are recused from this application, so its details are not shown to you.</p>;
  const recommended = (Object.keys(RECOMMENDATION_LABELS) as Recommendation[]).filter((r) => brief.recommendations[r]);
  return (
    <ul className="small">
      <li>
        {`Weighted score ${formatPercent(brief.weightedTotal)} from ${plural(brief.reviewCount, "review")}${brief.flaggedCount > 0 ? `, ${plural(brief.flaggedCount, "criterion", "criteria")} flagged for discussion` : ""}`}
      </li>
      <li>
        {`Reviewers recommend: ${recommended.length === 0 ? "no recommendation yet" : recommended.map((r) => `${RECOMMENDATION_LABELS[r]} (${brief.recommendations[r]})`).join(", ")}`}
      </li>
      <li>
        Coverage:{" "}
        {brief.coursesBelowTarget === 0 ? (
          <span className="badge ok">{`${brief.courses === 1 ? "the course meets" : `all ${brief.courses} courses meet`} the target`}</span>
        ) : (
          <span className="badge warn">{`${brief.coursesBelowTarget} of ${plural(brief.courses, "course")} below the target`}</span>
        )}
      </li>
      <li>{`Votes: ${votes.cast} of ${votes.required} required cast`}</li>
    </ul>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/board", label: "Back to the board" });
