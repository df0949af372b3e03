/**
 * Separation of assessment and decision (ISO/IEC 17011 4.4, 7.7) as one pure rule. A person's part in an
 * application — belonging to its organisation, a declared conflict, having assessed it (an accepted or
 * completed reviewer assignment), having voted on it, having recorded its decision — bars them from
 * later parts. Conflicts are declared per person, not per role, so they bar every role the person holds.
 */
import type { FoundationRole } from "./policy";

export type Involvement = {
  /** Belongs to the applying organisation. */
  member: boolean;
  /** Declared a conflict of interest with the organisation (in any role). */
  conflicted: boolean;
  /** Had an accepted or completed reviewer assignment on the application. */
  assessed: boolean;
  /** Cast a board vote on it. */
  voted: boolean;
  /** Recorded its decision (staff, on the board's behalf). */
  decided: boolean;
};

export const PARTS = ["vote", "decide", "hear_appeal"] as const;
export type Part = (typeof PARTS)[number];

export type BarReason = keyof Involvement;

/** Which earlier involvement bars which part, in the order the reason is reported. */
export const BARS: Record<Part, BarReason[]> = {
  vote: ["member", "conflicted", "assessed"],
  decide: ["member", "conflicted", "assessed"],
  // An appeal is heard by people with no part at all in the decision appealed against.
  hear_appeal: ["member", "conflicted", "assessed", "voted", "decided"],
};

/** Why `involvement` bars this person from `part`, or null when it does not. */
export function barredFrom(part: Part, involvement: Involvement): BarReason | null {
  return BARS[part].find((reason) => involvement[reason]) ?? null;
}

export const NO_INVOLVEMENT: Involvement = { member: false, conflicted: false, assessed: false, voted: false, decided: false };

export const BAR_LABELS: Record<BarReason, string> = {
  member: "belongs to the organisation",
  conflicted: "declared a conflict of interest",
  assessed: "reviewed the application",
  voted: "voted on the decision",
  decided: "recorded the decision",
};

export type Finding = { userId: string; name: string; part: "voted" | "decided" | "heard_appeal"; barredBy: BarReason };

export type Participant = { userId: string; name: string; involvement: Involvement; heardAppeal?: boolean };

/**
 * Breaches in a decision's record: anyone who voted, decided or heard its appeal while barred. The
 * server refuses these moves, so a finding means data from before the rule, or a conflict declared later.
 */
export function findings(participants: Participant[]): Finding[] {
  const out: Finding[] = [];
  for (const p of participants) {
    const { voted, decided } = p.involvement;
    const voteBar = voted ? barredFrom("vote", p.involvement) : null;
    if (voteBar) out.push({ userId: p.userId, name: p.name, part: "voted", barredBy: voteBar });
    const decideBar = decided ? barredFrom("decide", p.involvement) : null;
    if (decideBar) out.push({ userId: p.userId, name: p.name, part: "decided", barredBy: decideBar });
    const appealBar = p.heardAppeal ? barredFrom("hear_appeal", p.involvement) : null;
    if (appealBar) out.push({ userId: p.userId, name: p.name, part: "heard_appeal", barredBy: appealBar });
  }
  return out;
}

/** One person in an application's impartiality report: their foundation roles and their part in it. */
export type ReportPerson = {
  userId: string;
  name: string;
  roles: FoundationRole[];
  involvement: Involvement;
  assignment: { status: string; declaration: string | null } | null;
  vote: string | null;
  conflictNote: string | null;
};
