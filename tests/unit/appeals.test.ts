import { expect, test } from "vitest";
import { expectWholeTable } from "../support/state-table";
import {
  APPEAL_ACTIONS,
  APPEAL_ROLES,
  APPEAL_STATUSES,
  appealActions,
  appealDeadline,
  appealMove,
  constitutePanelSchema,
  decideAppealSchema,
  decisionKey,
  lodgeAppealSchema,
  parseDecisionKey,
  withinAppealWindow,
  type AppealStatus,
} from "~/domain/appeals";
import { parseForm } from "~/domain/forms";
import { can, type SessionUser } from "~/domain/policy";
import { NO_INVOLVEMENT } from "~/domain/impartiality";

// The whole table, written out by hand: status|action|role → next status; everything else is refused.
const EXPECTED = new Map<string, AppealStatus>([
  ["lodged|constitute_panel|staff", "hearing"],
  ["hearing|uphold|panel", "upheld"],
  ["hearing|overturn|panel", "overturned"],
  ["lodged|withdraw|provider", "withdrawn"],
  ["hearing|withdraw|provider", "withdrawn"],
]);

test("every status × action × role gives exactly the expected move", () => {
  expectWholeTable({ statuses: APPEAL_STATUSES, actions: APPEAL_ACTIONS, roles: APPEAL_ROLES }, appealMove, EXPECTED, { each: ({ from, action, role, allowed }) => expect(appealActions(from, role).includes(action), `${from} ${action} ${role}`).toBe(allowed) });
});

test("a concluded appeal allows nothing, and refusals say why in words", () => {
  for (const from of ["upheld", "overturned", "withdrawn"] as const) for (const role of APPEAL_ROLES) expect(appealActions(from, role)).toEqual([]);
  expect(appealMove("upheld", "overturn", "panel")).toMatchObject({ ok: false, reason: "not_allowed_from_status", message: "This is an appeal already decided; it cannot be decided now." });
  expect(appealMove("hearing", "overturn", "staff")).toMatchObject({ ok: false, reason: "role_not_allowed" });
});

test("the appeal window runs from the decision for the configured number of days, inclusive", () => {
  const decided = new Date("2026-03-01T10:00:00Z");
  expect(appealDeadline(decided, 30)).toEqual(new Date("2026-03-31T10:00:00Z"));
  expect(withinAppealWindow(decided, new Date("2026-03-31T10:00:00Z"), 30)).toBe(true);
  expect(withinAppealWindow(decided, new Date("2026-03-31T10:00:01Z"), 30)).toBe(false);
  expect(withinAppealWindow(decided, new Date("2026-02-28T10:00:00Z"), 30)).toBe(false);
  expect(withinAppealWindow(decided, new Date("2026-04-05T10:00:00Z"), 45)).toBe(true);
});

test("decision keys: a rejection names its decision row, a suspension or revocation its audit event", () => {
  const id = "0b7c6a8e-1f5e-4c2a-9d8e-3f4a5b6c7d8e";
  expect(parseDecisionKey(decisionKey("rejection", id))).toEqual({ kind: "rejection", id });
  expect(parseDecisionKey(decisionKey("suspension", 42))).toEqual({ kind: "suspension", id: "42" });
  expect(parseDecisionKey("revocation:7")).toEqual({ kind: "revocation", id: "7" });
  for (const bad of ["rejection:42", `suspension:${id}`, "approval:1", "", "suspension:1;drop", "rejection:"]) expect(parseDecisionKey(bad), bad).toBeNull();
});

test("the forms give a message per field, never throw", () => {
  const lodge = parseForm(new URLSearchParams({ decision: "", grounds: "too short" }), lodgeAppealSchema);
  expect(lodge.success).toBe(false);
  if (!lodge.success) expect(Object.keys(lodge.errors).sort()).toEqual(["decision", "grounds"]);
  const panel = parseForm(new URLSearchParams(), constitutePanelSchema);
  expect(panel.success).toBe(false);
  if (!panel.success) expect(panel.errors.panel).toMatch(/at least 1/);
  const many = new URLSearchParams();
  for (let i = 0; i < 6; i += 1) many.append("panel", `0b7c6a8e-1f5e-4c2a-9d8e-3f4a5b6c7d8${i}`);
  expect(parseForm(many, constitutePanelSchema).success).toBe(false);
  const decide = parseForm(new URLSearchParams({ finding: "maybe", reasons: "" }), decideAppealSchema);
  expect(decide.success).toBe(false);
  if (!decide.success) expect(Object.keys(decide.errors).sort()).toEqual(["finding", "reasons"]);
  expect(parseForm(new URLSearchParams({ finding: "overturn", reasons: "The suspension rested on a misread report." }), decideAppealSchema).success).toBe(true);
});

const user = (roles: SessionUser["roles"], memberships: SessionUser["memberships"] = []): SessionUser => ({ id: "u", email: "u@example.org", name: "U", emailVerified: true, roles, memberships });
const facts = (over: Partial<{ status: string; onPanel: boolean; involvement: typeof NO_INVOLVEMENT }> = {}) => ({
  kind: "appeal" as const,
  organisationId: "org",
  status: "hearing",
  onPanel: false,
  involvement: NO_INVOLVEMENT,
  ...over,
});

test("policy: only a panel member with no part in the decision hears it; whoever recorded it does not constitute the panel", () => {
  const board = user(["board"]);
  expect(can(board, "appeal:hear", facts({ onPanel: true }))).toBe(true);
  expect(can(board, "appeal:view", facts())).toBe(false);
  for (const part of ["member", "conflicted", "assessed", "voted", "decided"] as const) {
    const involvement = { ...NO_INVOLVEMENT, [part]: true };
    expect(can(board, "appeal:hear", facts({ onPanel: true, involvement })), part).toBe(false);
    expect(can(board, "appeal:view", facts({ onPanel: true, involvement })), part).toBe(false);
  }
  expect(can(board, "appeal:hear", facts({ onPanel: true, status: "lodged" }))).toBe(false);
  const staff = user(["staff"]);
  expect(can(staff, "appeal:constitute", facts({ status: "lodged" }))).toBe(true);
  expect(can(staff, "appeal:constitute", facts({ status: "lodged", involvement: { ...NO_INVOLVEMENT, decided: true } }))).toBe(false);
  expect(can(staff, "appeal:view", facts({ involvement: { ...NO_INVOLVEMENT, conflicted: true } }))).toBe(false);
  expect(can(user([], [{ organisationId: "org", role: "owner" }]), "appeal:lodge", facts())).toBe(true);
  expect(can(user([], [{ organisationId: "org", role: "member" }]), "appeal:lodge", facts())).toBe(false);
  expect(can(user([], [{ organisationId: "org", role: "member" }]), "appeal:view", facts())).toBe(true);
});
