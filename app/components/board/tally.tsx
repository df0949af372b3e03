import { VOTE_LABELS, type DecisionOutcome, type TallyCounts, type VoteChoice } from "~/domain/tally";
import { DataTable } from "~/components/ui/list-table";

export type TallyProps = { counts: TallyCounts; cast: number; required: number; reached: boolean; majority: DecisionOutcome | null };

const MAJORITY_LABEL: Record<DecisionOutcome, string> = { accredited: "in favour of accrediting", rejected: "in favour of rejecting" };

/** The board's tally: votes per choice, quorum and which way the majority leans. */
export function TallyTable({ tally, caption = "Votes" }: { tally: TallyProps; caption?: string }) {
  const choices = Object.keys(VOTE_LABELS) as VoteChoice[];
  return (
    <div className="stack">
      <DataTable caption={caption} headings={[...choices.map((c) => VOTE_LABELS[c]), "Eligible members"]}>
        <tr>
          {choices.map((c) => (
            <td key={c}>{tally.counts[c]}</td>
          ))}
          <td>{tally.counts.eligible}</td>
        </tr>
      </DataTable>
      <p>
        {tally.reached ? <span className="badge ok">Quorum reached</span> : <span className="badge warn">No quorum yet</span>} {tally.cast} of{" "}
        {tally.required} required votes cast. Majority: {tally.majority ? MAJORITY_LABEL[tally.majority] : "none (tied or no votes for or against)"}.
      </p>
    </div>
  );
}

export function VoteBadge({ vote }: { vote: VoteChoice }) {
  const tone: Record<VoteChoice, string> = { approve: "ok", approve_with_conditions: "info", reject: "bad", abstain: "neutral" };
  return <span className={`badge ${tone[vote]}`}>{VOTE_LABELS[vote]}</span>;
}

const RECUSAL_LABELS = { member: "member of the organisation", conflict: "declared conflict", assessed: "reviewed it" } as const;

export function RecusedBadge({ reason }: { reason: keyof typeof RECUSAL_LABELS }) {
  return <span className="badge neutral">Recused ({RECUSAL_LABELS[reason]})</span>;
}
