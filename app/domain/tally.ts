/**
 * Board voting rules: who counts, when the board has a quorum, and which way its majority leans.
 * Pure; the board service loads the votes and the eligible members, then asks these functions.
 */
export const VOTE_CHOICES = ["approve", "approve_with_conditions", "reject", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export type DecisionOutcome = "accredited" | "rejected";

/** The shape stored with every decision (decisions.tally), so the record shows what it rested on. */
export type TallyCounts = { approve: number; approve_with_conditions: number; reject: number; abstain: number; eligible: number };

export const VOTE_LABELS: Record<VoteChoice, string> = {
  approve: "Approve",
  approve_with_conditions: "Approve with conditions",
  reject: "Reject",
  abstain: "Abstain",
};

/**
 * Count the votes of eligible members only: a vote cast before its author was recused
 * (a conflict declared later, or joining the organisation) does not count.
 */
export function countVotes(votes: { userId: string; vote: VoteChoice }[], eligibleUserIds: readonly string[]): TallyCounts {
  const eligible = new Set(eligibleUserIds);
  const tally: TallyCounts = { approve: 0, approve_with_conditions: 0, reject: 0, abstain: 0, eligible: eligible.size };
  for (const v of votes) if (eligible.has(v.userId)) tally[v.vote] += 1;
  return tally;
}

/** Votes cast, abstentions included: an abstaining member was present and counts toward the quorum. */
export function votesCast(t: TallyCounts): number {
  return t.approve + t.approve_with_conditions + t.reject + t.abstain;
}

/**
 * Votes needed: the configured quorum, or every eligible member when fewer are eligible
 * (a small board, or several members recused). Never below one.
 */
export function quorumRequired(t: Pick<TallyCounts, "eligible">, quorum: number): number {
  return Math.max(1, Math.min(quorum, t.eligible));
}

export function quorumReached(t: TallyCounts, quorum: number): boolean {
  return t.eligible > 0 && votesCast(t) >= quorumRequired(t, quorum);
}

/** In favour (with or without conditions) against reject; abstentions do not lean. A tie has no majority. */
export function majorityOutcome(t: TallyCounts): DecisionOutcome | null {
  const inFavour = t.approve + t.approve_with_conditions;
  if (inFavour > t.reject) return "accredited";
  if (t.reject > inFavour) return "rejected";
  return null;
}

/** Recording `outcome` departs from the board's majority, so staff must write down why. */
export function isAgainstMajority(t: TallyCounts, outcome: DecisionOutcome): boolean {
  const majority = majorityOutcome(t);
  return majority !== null && majority !== outcome;
}

export type DecisionCheck = { ok: true; againstMajority: boolean } | { ok: false; field: "form" | "rationale" | "conditions"; message: string };

/**
 * May staff record `outcome` on this tally? Quorum first; then a written reason when the outcome goes
 * against the majority, and a rationale for a rejection (the provider is shown it).
 */
export function checkDecision(
  t: TallyCounts,
  quorum: number,
  input: { outcome: DecisionOutcome; rationale: string },
): DecisionCheck {
  if (t.eligible === 0) return { ok: false, field: "form", message: "No board member is eligible to vote on this application, so no decision can rest on a vote." };
  if (!quorumReached(t, quorum)) {
    return {
      ok: false,
      field: "form",
      message: `The board has not reached quorum: ${votesCast(t)} of ${quorumRequired(t, quorum)} required votes cast.`,
    };
  }
  const againstMajority = isAgainstMajority(t, input.outcome);
  if (againstMajority && input.rationale.trim().length === 0) {
    return { ok: false, field: "rationale", message: "This outcome goes against the board majority: write the reason in the rationale" };
  }
  if (input.outcome === "rejected" && input.rationale.trim().length === 0) {
    return { ok: false, field: "rationale", message: "Write the rationale for the rejection; the provider is shown it" };
  }
  return { ok: true, againstMajority };
}
