import { expect, test } from "vitest";
import { barredFrom, BARS, findings, NO_INVOLVEMENT, PARTS, type BarReason, type Involvement } from "~/domain/impartiality";

const REASONS: BarReason[] = ["member", "conflicted", "assessed", "voted", "decided"];

/** Every combination of the five kinds of involvement (32). */
function everyInvolvement(): Involvement[] {
  const out: Involvement[] = [];
  for (let mask = 0; mask < 32; mask += 1) {
    const inv = { ...NO_INVOLVEMENT };
    REASONS.forEach((r, i) => (inv[r] = Boolean(mask & (1 << i))));
    out.push(inv);
  }
  return out;
}

// Written out by hand: what bars each part. Voting and recording the decision are barred by membership,
// a conflict and having assessed it; hearing an appeal also by having voted on or recorded the decision.
const EXPECTED_BARS: Record<string, BarReason[]> = {
  vote: ["member", "conflicted", "assessed"],
  decide: ["member", "conflicted", "assessed"],
  hear_appeal: ["member", "conflicted", "assessed", "voted", "decided"],
};

test("every part × every combination of involvement: barred exactly when an expected bar is present, with the first reason", () => {
  let checked = 0;
  for (const part of PARTS)
    for (const inv of everyInvolvement()) {
      const present = EXPECTED_BARS[part].filter((r) => inv[r]);
      expect(barredFrom(part, inv), `${part} ${JSON.stringify(inv)}`).toBe(present[0] ?? null);
      checked += 1;
    }
  expect(checked).toBe(3 * 32);
  expect(BARS).toEqual(EXPECTED_BARS);
});

test("a reviewer who also sits on the board may not vote on, decide or hear the appeal of what they assessed", () => {
  const reviewer = { ...NO_INVOLVEMENT, assessed: true };
  expect(barredFrom("vote", reviewer)).toBe("assessed");
  expect(barredFrom("decide", reviewer)).toBe("assessed");
  expect(barredFrom("hear_appeal", reviewer)).toBe("assessed");
});

test("a board member who voted may not hear the appeal, but voting does not bar voting", () => {
  const voter = { ...NO_INVOLVEMENT, voted: true };
  expect(barredFrom("vote", voter)).toBeNull();
  expect(barredFrom("hear_appeal", voter)).toBe("voted");
});

test("findings name each barred part a person took, and nothing for clean participation", () => {
  const clean = { userId: "a", name: "Ada", involvement: { ...NO_INVOLVEMENT, voted: true } };
  const dual = { userId: "b", name: "Bo", involvement: { ...NO_INVOLVEMENT, assessed: true, voted: true, decided: true } };
  const panel = { userId: "c", name: "Cy", involvement: { ...NO_INVOLVEMENT, conflicted: true }, heardAppeal: true };
  expect(findings([clean])).toEqual([]);
  expect(findings([clean, dual, panel])).toEqual([
    { userId: "b", name: "Bo", part: "voted", barredBy: "assessed" },
    { userId: "b", name: "Bo", part: "decided", barredBy: "assessed" },
    { userId: "c", name: "Cy", part: "heard_appeal", barredBy: "conflicted" },
  ]);
});
