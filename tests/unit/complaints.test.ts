import { expect, test } from "vitest";
import { expectWholeTable } from "../support/state-table";
import {
  COMPLAINT_ACTIONS,
  COMPLAINT_ROLES,
  COMPLAINT_STATUSES,
  complaintActions,
  complaintMove,
  complaintFormSchema,
  visibleEvents,
  type ComplaintStatus,
} from "~/domain/complaints";
import { checkFormStart, signFormStart } from "~/domain/form-token";
import { parseForm } from "~/domain/forms";

// The whole table, written out by hand: status|action|role → next status; everything else is refused.
const EXPECTED = new Map<string, ComplaintStatus>([
  ["unconfirmed|confirm|complainant", "received"],
  ["received|accept|staff", "investigating"],
  ["received|not_in_scope|staff", "not_in_scope"],
  ["investigating|request_response|staff", "awaiting_provider"],
  ["awaiting_provider|respond|provider", "investigating"],
  ["investigating|close_unfounded|staff", "closed"],
  ["awaiting_provider|close_unfounded|staff", "closed"],
  ["investigating|close_upheld|staff", "closed"],
  ["awaiting_provider|close_upheld|staff", "closed"],
  ["investigating|propose_suspension|staff", "suspension_proposed"],
  ["awaiting_provider|propose_suspension|staff", "suspension_proposed"],
  ["suspension_proposed|carry_out_suspension|staff", "closed"],
]);

test("every complaint status × action × role gives exactly the expected move", () => {
  expectWholeTable({ statuses: COMPLAINT_STATUSES, actions: COMPLAINT_ACTIONS, roles: COMPLAINT_ROLES }, complaintMove, EXPECTED);
});

test("closed and not-in-scope complaints allow nothing; refusals say why in words", () => {
  for (const role of COMPLAINT_ROLES) {
    expect(complaintActions("closed", role)).toEqual([]);
    expect(complaintActions("not_in_scope", role)).toEqual([]);
  }
  const r = complaintMove("closed", "accept", "staff");
  expect(r).toMatchObject({ ok: false, reason: "not_allowed_from_status" });
  expect(complaintMove("received", "accept", "provider")).toMatchObject({ ok: false, reason: "role_not_allowed" });
});

test("the provider never reads the filing or staff's triage note; the complainant never reads the provider's response", () => {
  const events = [
    { action: "filed", note: "" },
    { action: "accept", note: "internal" },
    { action: "request_response", note: "question" },
    { action: "respond", note: "answer" },
    { action: "close_upheld", note: "reasons" },
  ];
  expect(visibleEvents(events, "provider")).toEqual([
    { action: "request_response", note: "question" },
    { action: "respond", note: "answer" },
    { action: "close_upheld", note: "reasons" },
  ]);
  expect(visibleEvents(events, "complainant").map((e) => e.note)).toEqual(["", "", "", "", "reasons"]);
});

test("the form stamp: a person's pace passes; too fast, too old, forged or malformed do not", () => {
  const key = new Uint8Array(32).fill(7);
  const other = new Uint8Array(32).fill(8);
  const limits = { minSeconds: 3, maxHours: 24 };
  const token = signFormStart(key, 1_000_000);
  expect(checkFormStart(key, token, 1_005_000, limits)).toBe("ok");
  expect(checkFormStart(key, token, 1_001_000, limits)).toBe("too_fast");
  expect(checkFormStart(key, token, 1_000_000 + 25 * 3_600_000, limits)).toBe("expired");
  expect(checkFormStart(other, token, 1_005_000, limits)).toBe("invalid");
  expect(checkFormStart(key, token.replace(/^1/, "2"), 2_005_000, limits)).toBe("invalid");
  expect(checkFormStart(key, "nonsense", 1_005_000, limits)).toBe("invalid");
});

test("the complaint form needs a name, a valid email, twenty characters and the declaration", () => {
  const fd = new URLSearchParams({ provider: "org-a", name: "", email: "nope", details: "short", formToken: "x" });
  const parsed = parseForm(fd, complaintFormSchema);
  expect(parsed.success).toBe(false);
  if (!parsed.success) expect(Object.keys(parsed.errors).sort()).toEqual(["details", "email", "name", "truthful"]);
});
