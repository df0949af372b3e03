import { expect, test } from "vitest";
import { expectWholeTable } from "../support/state-table";
import { parseForm } from "~/domain/forms";
import {
  SCOPE_CHANGE_ROLES,
  SCOPE_CHANGE_STATUSES,
  SCOPE_CHANGE_TRANSITIONS,
  scopeChangeActions,
  applyScopeChange,
  combinationKey,
  decideScopeChangeSchema,
  extendScopeSchema,
  extensionEntries,
  mayRequestScopeChange,
  reduceScopeSchema,
  replaceScopeCourses,
  scopeChangeMove,
  type ScopeChangeAction,
  type ScopeChangeStatus,
} from "~/domain/scope-changes";

const ACTIONS = Object.keys(SCOPE_CHANGE_TRANSITIONS) as ScopeChangeAction[];
// The whole table by hand: staff decide a waiting request, its organisation's members may withdraw it.
const EXPECTED = new Map<string, ScopeChangeStatus>([
  ["requested|approve|staff", "approved"],
  ["requested|decline|staff", "declined"],
  ["requested|withdraw|provider_owner", "withdrawn"],
  ["requested|withdraw|provider_member", "withdrawn"],
]);

test("every status × action × role gives exactly the expected transition", () => {
  expectWholeTable({ statuses: SCOPE_CHANGE_STATUSES, actions: ACTIONS, roles: SCOPE_CHANGE_ROLES }, scopeChangeMove, EXPECTED);
});

test("refusals say why in words", () => {
  expect(scopeChangeMove("approved", "withdraw", "provider_owner")).toMatchObject({ ok: false, reason: "not_allowed_from_status", message: "This is approved and applied; it cannot withdraw this scope change now." });
  expect(scopeChangeMove("requested", "approve", "provider_owner")).toMatchObject({ ok: false, reason: "role_not_allowed", message: "You cannot approve this scope change." });
});

test("only members ask, and only for an active accreditation", () => {
  for (const role of SCOPE_CHANGE_ROLES) {
    for (const status of ["active", "suspended", "revoked", "expired", "superseded"] as const) {
      const member = role === "provider_owner" || role === "provider_member";
      expect(mayRequestScopeChange(role, status).ok, `${role} ${status}`).toBe(member && status === "active");
    }
  }
});

const course = { courseId: "c1", courseTitle: "Rust Fundamentals", level: "foundation" };
const held = [
  { ...course, language: "English", mode: "in_person" },
  { ...course, language: "English", mode: "online_live" },
];

test("an extension adds only the combinations not yet held (languages compared without case)", () => {
  expect(extensionEntries(course, ["english", "German"], ["in_person", "self_paced"], held)).toEqual([
    { ...course, language: "english", mode: "self_paced" },
    { ...course, language: "German", mode: "in_person" },
    { ...course, language: "German", mode: "self_paced" },
  ]);
  expect(extensionEntries(course, ["English"], ["online_live"], held)).toEqual([]);
});

test("applying a change: extension appends, reduction removes and must leave something, both checked against the scope now", () => {
  const german = { ...course, language: "German", mode: "in_person" };
  expect(applyScopeChange(held, "extension", [german])).toEqual({ ok: true, scope: [...held, german] });
  expect(applyScopeChange([...held, german], "extension", [german])).toMatchObject({ ok: false });
  expect(applyScopeChange(held, "reduction", [held[1]])).toEqual({ ok: true, scope: [held[0]] });
  expect(applyScopeChange(held, "reduction", held)).toMatchObject({ ok: false, message: expect.stringContaining("at least one") });
  expect(applyScopeChange([held[0]], "reduction", [held[1]])).toMatchObject({ ok: false, message: expect.stringContaining("no longer") });
  expect(combinationKey(held[0])).toBe("c1|english|in_person");
});

test("a delta review replaces every combination of the revised courses, in their place, and leaves the rest", () => {
  const a = (courseId: string, language: string, mode = "in_person") => ({ courseId, courseTitle: courseId.toUpperCase(), level: "foundation", language, mode });
  const scope = [a("c0", "en"), a("c1", "en"), a("c1", "de"), a("c2", "en")];
  expect(replaceScopeCourses(scope, ["c1"], [a("n1", "en"), a("n1", "fr")])).toEqual({ ok: true, scope: [a("c0", "en"), a("n1", "en"), a("n1", "fr"), a("c2", "en")] });
  expect(replaceScopeCourses(scope, ["c0", "c2"], [a("n0", "en")])).toEqual({ ok: true, scope: [a("n0", "en"), a("c1", "en"), a("c1", "de")] });
  expect(replaceScopeCourses(scope, ["gone"], [a("n1", "en")])).toMatchObject({ ok: false, message: expect.stringContaining("no longer") });
  expect(replaceScopeCourses([a("c1", "en")], ["c1"], [])).toMatchObject({ ok: false, message: expect.stringContaining("empty") });
  // A revised course with no combinations left is simply dropped while the rest of the scope stands.
  expect(replaceScopeCourses(scope, ["c1"], [])).toEqual({ ok: true, scope: [a("c0", "en"), a("c2", "en")] });
});

test("the forms say what is missing, next to each field", () => {
  const form = (o: Record<string, string | string[]>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(o)) for (const x of ([] as string[]).concat(v)) f.append(k, x);
    return f;
  };
  const ext = parseForm(form({ intent: "extend", courseId: "", languages: " , ", reason: "" }), extendScopeSchema);
  expect(ext.success).toBe(false);
  if (!ext.success) expect(ext.errors).toMatchObject({ courseId: "Choose the course", languages: "Enter at least one of languages", modes: "Choose at least one delivery mode", reason: expect.any(String) });
  const ok = parseForm(form({ intent: "extend", courseId: "0b0c7a4e-6f0a-4a8e-9a39-8d6f3b0b9a11", languages: "German, French", modes: ["in_person", "hybrid"], reason: "New trainers" }), extendScopeSchema);
  expect(ok).toMatchObject({ success: true, data: { languages: ["German", "French"], modes: ["in_person", "hybrid"] } });
  const red = parseForm(form({ intent: "reduce", reason: "x" }), reduceScopeSchema);
  if (!red.success) expect(red.errors.remove).toBe("Choose at least one combination to remove");
  else throw new Error("a reduction without combinations parsed");
  const decline = parseForm(form({ outcome: "decline", note: " " }), decideScopeChangeSchema);
  if (!decline.success) expect(decline.errors.note).toBe("Say why the change is declined");
  else throw new Error("a decline without a note parsed");
});

test("the forms a scope change offers are the table's moves: staff decide a requested one, members withdraw it, nothing once decided", () => {
  expect(scopeChangeActions("requested", "staff")).toEqual(["approve", "decline"]);
  expect(scopeChangeActions("requested", "provider_member")).toEqual(["withdraw"]);
  expect(scopeChangeActions("approved", "staff")).toEqual([]);
});
