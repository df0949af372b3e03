import { expect, test } from "vitest";
import { checkDecision, countVotes, isAgainstMajority, majorityOutcome, quorumReached, quorumRequired, type VoteChoice } from "~/domain/tally";

const votes = (...vs: VoteChoice[]) => vs.map((vote, i) => ({ userId: `u${i}`, vote }));
const members = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

test("only eligible members' votes count", () => {
  const t = countVotes(votes("approve", "reject", "abstain"), ["u0", "u2"]);
  expect(t).toEqual({ approve: 1, approve_with_conditions: 0, reject: 0, abstain: 1, eligible: 2 });
});

test("quorum is the configured number, or every eligible member on a small board", () => {
  expect(quorumRequired({ eligible: 7 }, 3)).toBe(3);
  expect(quorumRequired({ eligible: 2 }, 3)).toBe(2);
  expect(quorumReached(countVotes(votes("approve", "approve"), members(7)), 3)).toBe(false);
  expect(quorumReached(countVotes(votes("approve", "abstain", "reject"), members(7)), 3)).toBe(true);
  expect(quorumReached(countVotes(votes("approve", "approve"), members(2)), 3)).toBe(true);
  expect(quorumReached(countVotes([], []), 3)).toBe(false);
});

test("majority: in favour (with or without conditions) against reject; a tie has none", () => {
  expect(majorityOutcome(countVotes(votes("approve", "approve_with_conditions", "reject"), members(3)))).toBe("accredited");
  expect(majorityOutcome(countVotes(votes("reject", "reject", "approve"), members(3)))).toBe("rejected");
  expect(majorityOutcome(countVotes(votes("reject", "approve", "abstain"), members(3)))).toBeNull();
  expect(isAgainstMajority(countVotes(votes("reject", "reject", "approve"), members(3)), "accredited")).toBe(true);
  expect(isAgainstMajority(countVotes(votes("reject", "approve", "abstain"), members(3)), "accredited")).toBe(false);
});

test("a decision needs quorum, a reason against the majority, and a rationale for a rejection", () => {
  const below = countVotes(votes("approve", "approve"), members(5));
  expect(checkDecision(below, 3, { outcome: "accredited", rationale: "" })).toMatchObject({ ok: false, field: "form" });
  const rejecting = countVotes(votes("reject", "reject", "approve"), members(5));
  expect(checkDecision(rejecting, 3, { outcome: "accredited", rationale: " " })).toMatchObject({ ok: false, field: "rationale" });
  expect(checkDecision(rejecting, 3, { outcome: "accredited", rationale: "New evidence after the meeting" })).toEqual({ ok: true, againstMajority: true });
  expect(checkDecision(rejecting, 3, { outcome: "rejected", rationale: "" })).toMatchObject({ ok: false, field: "rationale" });
  const approving = countVotes(votes("approve", "approve", "approve"), members(3));
  expect(checkDecision(approving, 3, { outcome: "accredited", rationale: "" })).toEqual({ ok: true, againstMajority: false });
  expect(checkDecision(countVotes([], []), 3, { outcome: "accredited", rationale: "" })).toMatchObject({ ok: false, field: "form" });
});
