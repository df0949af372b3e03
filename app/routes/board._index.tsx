import { plural } from "~/domain/format";
import { formatDate } from "~/domain/format";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { boardQueue } from "~/services/board.server";
import { recentDecisions } from "~/services/board-decision.server";
import { BoardSummary } from "~/components/board/board-summary";
import { RecusedBadge, VoteBadge } from "~/components/board/tally";
import { formatPercent } from "~/domain/scoring";
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
        Read each application&apos;s scores, the reviewers&apos; recommendations and its coverage, then open it to vote. You see how the others voted once
        you have voted.
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
        queue.map((item) => (
          <article className="card" key={item.id} aria-labelledby={`app-${item.id}`}>
            <div className="spread">
              <h2 id={`app-${item.id}`}>
                <Link to={`/board/${item.id}`}>{item.organisationName}</Link>
              </h2>
              <p>
                {item.recused ? <RecusedBadge reason={item.recused} /> : item.myVote ? <>You voted <VoteBadge vote={item.myVote} /></> : <span className="badge warn">Your vote is needed</span>}
              </p>
            </div>
            <p className="muted">
              {item.kind === "renewal" ? "Renewal" : "Initial"} application · revision {item.currentRevision}
              {item.submittedAt ? ` · submitted ${formatDate(item.submittedAt)}` : ""} · weighted score {formatPercent(item.aggregate.weightedTotal)}
              {item.aggregate.flaggedCount > 0 ? ` · ${plural(item.aggregate.flaggedCount, "criterion", "criteria")} flagged for discussion` : ""}
            </p>
            {item.recused ? (
              <p>You are recused from this application, so its details are not shown to you.</p>
            ) : (
              <details>
                <summary>Scores, recommendations, coverage and scope</summary>
                <BoardSummary summary={item} headingLevel={3} />
              </details>
            )}
            {item.recused ? null : (
              <p>
                <Link className="button small" to={`/board/${item.id}`}>
                  {item.myVote ? "Change your vote" : "Vote"}
                  <span className="visually-hidden"> on {item.organisationName}</span>
                </Link>
              </p>
            )}
          </article>
        ))
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

export const ErrorBoundary = sectionErrorBoundary({ href: "/board", label: "Back to the board" });
