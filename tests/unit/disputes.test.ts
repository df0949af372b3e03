import { expect, test } from "vitest";
import { disputeState, excludesMapping, resolveDisputeSchema } from "~/domain/disputes";
import { can, type FoundationRole, type SessionUser } from "~/domain/policy";
import { parseForm } from "~/domain/forms";
import { courseCoverage } from "~/domain/coverage";
import { TRANSITIONS } from "~/domain/workflow";

const ORG = "00000000-0000-4000-8000-00000000000a";
const DISPUTE = "00000000-0000-4000-8000-00000000000d";

function user(roles: FoundationRole[], memberships: SessionUser["memberships"] = []): SessionUser {
  return { id: "00000000-0000-4000-8000-000000000001", email: "u@example.org", name: "U", emailVerified: true, roles, memberships };
}

test("an open or upheld dispute keeps its mapping out of coverage; a dismissed one lets it count", () => {
  expect(disputeState(null)).toBe("open");
  expect(excludesMapping(disputeState(null))).toBe(true);
  expect(excludesMapping(disputeState("upheld"))).toBe(true);
  expect(excludesMapping(disputeState("dismissed"))).toBe(false);
  const coverageWith = (disputed: boolean) =>
    courseCoverage({
      courseLevel: "foundation",
      competencies: [{ id: "c", code: "OWN.1", title: "Ownership", level: "foundation", core: true }],
      modules: [{ id: "m", title: "Module" }],
      mappings: [{ moduleId: "m", competencyId: "c", depth: "practised", disputed }],
    }).percent;
  expect(coverageWith(excludesMapping("upheld"))).toBe(0);
  expect(coverageWith(excludesMapping("dismissed"))).toBe(100);
});

test("staff rule on disputes while the application is submitted or under review, the window in which they may request changes", () => {
  const staff = user(["staff"]);
  const allowed = ["draft", "submitted", "under_review", "changes_requested", "awaiting_decision", "accredited", "rejected", "withdrawn"].filter((status) =>
    can(staff, "dispute:resolve", { kind: "application", organisationId: ORG, status }),
  );
  expect(allowed).toEqual(["submitted", "under_review"]);
  expect(allowed).toEqual(TRANSITIONS.request_changes.from);
});

test("nobody else rules on a dispute: not reviewers, the board, providers, nor staff of the applying or a conflicted organisation", () => {
  const facts = { kind: "application" as const, organisationId: ORG, status: "under_review" };
  expect(can(user(["reviewer"]), "dispute:resolve", { ...facts, assignmentStatus: "accepted" })).toBe(false);
  expect(can(user(["board"]), "dispute:resolve", facts)).toBe(false);
  expect(can(user([], [{ organisationId: ORG, role: "owner" }]), "dispute:resolve", facts)).toBe(false);
  expect(can(user(["staff"], [{ organisationId: ORG, role: "member" }]), "dispute:resolve", facts)).toBe(false);
  expect(can(user(["staff"]), "dispute:resolve", { ...facts, conflicted: true })).toBe(false);
  expect(can(null, "dispute:resolve", facts)).toBe(false);
  expect(can(user(["staff"]), "dispute:resolve")).toBe(false);
});

test("the resolution form needs an outcome and a reason of 1 to 2000 characters", () => {
  const form = (fields: Record<string, string>) => parseForm(new URLSearchParams({ intent: "resolve_dispute", disputeId: DISPUTE, ...fields }), resolveDisputeSchema);
  expect(form({ resolution: "upheld", note: "  Not practised.  " })).toEqual({
    success: true,
    data: { intent: "resolve_dispute", disputeId: DISPUTE, resolution: "upheld", note: "Not practised." },
  });
  expect(form({ resolution: "upheld", note: " " })).toMatchObject({ success: false, errors: { note: "Enter the reason for your decision" } });
  expect(form({ resolution: "upheld", note: "x".repeat(2001) })).toMatchObject({ success: false, errors: { note: "Reason for your decision must be at most 2000 characters" } });
  expect(form({ resolution: "upheld", note: "x".repeat(2000) }).success).toBe(true);
  expect(form({ resolution: "overruled", note: "Because." })).toMatchObject({ success: false, errors: { resolution: "Choose uphold or dismiss" } });
  expect(form({ note: "Because." })).toMatchObject({ success: false, errors: { resolution: "Choose uphold or dismiss" } });
});
