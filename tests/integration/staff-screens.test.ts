/**
 * Staff screens (issue 17): the decision form has no default outcome, so the server refuses a decision sent
 * without one, with the message next to the field and what was typed kept; one user's own page shows their roles,
 * organisations and latest audit events, and its forms act on that user only; staff search across applications by
 * provider name, reference, certificate number or status.
 */
import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { decisions } from "../../db/schema";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";
import * as decisionRoute from "~/routes/admin.applications.$id.decision";
import * as userRoute from "~/routes/admin.users_.$id";
import { accreditations, organisations, userRoles } from "../../db/schema";
import { listApplications } from "~/services/staff-application-list.server";
import { staffListQuery } from "~/domain/review-forms";
import { createApplicationForReview } from "../support/factories-review";
import { createFramework, createOrganisation, createRubric, createUser, signedIn } from "../support/factories";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";

test("a decision sent with no outcome chosen is refused next to the outcome field, and the rationale typed is kept", async () => {
  const app = await createAwaitingDecision({ reviews: [{ CUR: 3, TRN: 3, QA: 2 }, { CUR: 4, TRN: 2, QA: 3 }] });
  const board = await createBoard(3);
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  const staff = await createStaff();
  const path = `/admin/applications/${app.application.id}/decision`;
  const params = { id: app.application.id };

  const view = payloadOf<{ tally: { majority: string | null } }>(await callLoader(decisionRoute.loader, getRequest(path, staff.cookie), params));
  expect(view.tally.majority, "the majority is shown as a hint, not chosen for staff").toBe("accredited");

  const refused = await callAction(decisionRoute.action, postRequest(path, { conditions: "", rationale: "Met on 12 March.", meetingReference: "BM-12" }, staff.cookie), params);
  expect(statusOf(refused)).toBe(400);
  const body = payloadOf<{ errors: Record<string, string>; values: Record<string, unknown> }>(refused);
  expect(body.errors.outcome).toBe("Choose the outcome");
  expect(body.values.rationale).toBe("Met on 12 March.");
  expect(await db.select().from(decisions).where(eq(decisions.applicationId, app.application.id))).toHaveLength(0);
});

test("a user's page shows roles, organisations and recent events; its forms act on the user in the URL only", async () => {
  const staff = await signedIn({ roles: ["staff"], name: "Sam Staff" });
  const person = await createUser({ name: "Robin Reviewer", roles: ["reviewer"] });
  const bystander = await createUser({ name: "Bea Bystander" });
  await createOrganisation({ displayName: "Ferris Academy", owner: person });
  const path = `/admin/users/${person.id}`;
  const params = { id: person.id };

  // A role is granted from the user's page; the posted userId of someone else is ignored.
  const granted = await callAction(userRoute.action, postRequest(path, { intent: "grant", role: "board", userId: bystander.id }, staff.cookie), params);
  expect(statusOf(granted)).toBe(302);
  expect((granted as Response).headers.get("Location")).toBe(`${path}?done=Granted+the+board+role.`);
  expect(await db.select().from(userRoles).where(eq(userRoles.userId, bystander.id))).toHaveLength(0);

  // No role chosen (the select starts empty): refused with a message, nothing granted.
  const none = await callAction(userRoute.action, postRequest(path, { intent: "grant", role: "" }, staff.cookie), params);
  expect(statusOf(none)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(none).errors.form).toBe("Choose a role");

  const page = payloadOf<{ user: { roles: string[]; organisations: { name: string; role: string }[]; events: { action: string; actor: string | null }[] } }>(
    await callLoader(userRoute.loader, getRequest(path, staff.cookie), params),
  );
  expect(page.user.roles.sort()).toEqual(["board", "reviewer"]);
  expect(page.user.organisations).toEqual([expect.objectContaining({ name: "Ferris Academy", role: "owner" })]);
  expect(page.user.events[0]).toMatchObject({ action: "user.role_granted", actor: "Sam Staff" });

  expect(statusOf(await callLoader(userRoute.loader, getRequest("/admin/users/nope", staff.cookie), { id: "nope" }))).toBe(404);
  const gone = "00000000-0000-4000-8000-000000000000";
  expect(statusOf(await callAction(userRoute.action, postRequest(`/admin/users/${gone}`, { intent: "enable" }, staff.cookie), { id: gone }))).toBe(404);
});

test("staff search applications by provider name, reference, certificate number and status; drafts stay out", async () => {
  // The file's earlier tests left applications of their own: this one makes its own framework and rubric versions.
  const framework = await createFramework({ version: 90 });
  const rubric = await createRubric({ version: 90 });
  const crab = await createApplicationForReview({ status: "under_review", framework, rubric });
  await db.update(organisations).set({ displayName: "Crab 100% Academy" }).where(eq(organisations.id, crab.organisation.id));
  const ferris = await createApplicationForReview({ status: "awaiting_decision", framework, rubric });
  const draft = await createApplicationForReview({ status: "draft", framework, rubric });
  await db.update(organisations).set({ displayName: "Crab Drafts" }).where(eq(organisations.id, draft.organisation.id));
  const search = async (q: string) => (await listApplications(db, staffListQuery.parse({ q }))).rows.map((r) => r.id);

  expect(await search("crab")).toEqual([crab.application.id]);
  expect(await search("100%"), "% is a literal, not a wildcard").toEqual([crab.application.id]);
  expect(await search("10_%")).toEqual([]);
  expect(await search(ferris.application.id.slice(0, 8))).toEqual([ferris.application.id]);
  expect(await search("under review")).toEqual([crab.application.id]);
  const awaiting = await search("awaiting");
  expect(awaiting).toContain(ferris.application.id);
  expect(awaiting).not.toContain(crab.application.id);

  await db.insert(accreditations).values({
    organisationId: ferris.organisation.id,
    applicationId: ferris.application.id,
    certificateNumber: "ACC-2031-0042",
    scope: [],
    validFrom: "2031-01-01",
    validUntil: "2033-12-31",
  });
  expect(await search("acc-2031-0042")).toEqual([ferris.application.id]);
  const counted = await listApplications(db, staffListQuery.parse({ q: "crab" }));
  expect(counted.total).toBe(1);
});
