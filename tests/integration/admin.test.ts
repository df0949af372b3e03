import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/services/db.server";
import { validateSessionToken } from "~/services/sessions.server";
import { removeRole } from "~/services/users-admin.server";
import { createDraft } from "~/services/framework-drafts.server";
import { createRubricDraft } from "~/services/rubric.server";
import * as adminLayout from "~/routes/admin";
import * as dashboard from "~/routes/admin._index";
import * as frameworkIndex from "~/routes/admin.framework._index";
import * as frameworkVersion from "~/routes/admin.framework.$id";
import * as frameworkDiff from "~/routes/admin.framework.diff";
import * as frameworkImport from "~/routes/admin.framework.import";
import * as rubricIndex from "~/routes/admin.rubric._index";
import * as rubricVersion from "~/routes/admin.rubric.$id";
import * as usersPage from "~/routes/admin.users";
import * as emailsPage from "~/routes/admin.emails";
import * as auditPage from "~/routes/admin.audit";
import * as casePackages from "~/routes/ims.case.v1p1.CFPackages.$id";
import * as caseDocument from "~/routes/ims.case.v1p1.CFDocuments.$id";
import * as caseDocuments from "~/routes/ims.case.v1p1.CFDocuments._index";
import * as caseItem from "~/routes/ims.case.v1p1.CFItems.$id";
import * as caseAssociation from "~/routes/ims.case.v1p1.CFAssociations.$id";
import { auditEvents, frameworks, rubrics, sessions, userRoles, users } from "../../db/schema";
import { createOrganisation, createRubric, signedIn } from "../support/factories";
import { createOutboxEmail, publishedFramework } from "../support/factories-admin";
import { callAction, callLoader, getRequest, postRequest, statusOf } from "../support/requests";

type Route = { loader?: (a: LoaderFunctionArgs) => unknown; action?: (a: ActionFunctionArgs) => unknown };

async function adminRoutes() {
  const { user } = await signedIn({ roles: ["staff"] });
  const v1 = await publishedFramework();
  const draft = await createDraft(db, user.id);
  const { rubric } = await createRubric();
  const rubricDraft = await createRubricDraft(db, user.id);
  if (!draft.ok || !rubricDraft.ok) throw new Error("setup failed");
  const email = await createOutboxEmail({ status: "failed", lastError: "boom" });
  const routes: [string, Route, Record<string, string>, Record<string, string>][] = [
    ["/admin", adminLayout, {}, {}],
    ["/admin", dashboard, {}, {}],
    ["/admin/framework", frameworkIndex, {}, { intent: "create-draft" }],
    [`/admin/framework/${draft.value.id}`, frameworkVersion, { id: draft.value.id }, { intent: "publish" }],
    [`/admin/framework/${v1.framework.id}`, frameworkVersion, { id: v1.framework.id }, { intent: "discard" }],
    [`/admin/framework/diff?from=${v1.framework.id}&to=${draft.value.id}`, frameworkDiff, {}, {}],
    ["/admin/framework/import", frameworkImport, {}, { package: "{}" }],
    ["/admin/rubric", rubricIndex, {}, { intent: "create-draft" }],
    [`/admin/rubric/${rubricDraft.value.id}`, rubricVersion, { id: rubricDraft.value.id }, { intent: "discard" }],
    [`/admin/rubric/${rubric.id}`, rubricVersion, { id: rubric.id }, { intent: "publish" }],
    ["/admin/users", usersPage, {}, { intent: "grant", userId: user.id, role: "board" }],
    [`/admin/emails?view=${email.id}`, emailsPage, {}, { intent: "retry", id: email.id }],
    ["/admin/audit", auditPage, {}, { intent: "verify" }],
  ];
  return { routes, staff: user, draftId: draft.value.id, v1 };
}

test("visitors are sent to log in; providers, reviewers and board members get 404 from every /admin loader and action; nothing changes", async () => {
  const { routes } = await adminRoutes();
  const provider = await signedIn({ name: "Provider" });
  await createOrganisation({ owner: provider.user });
  const reviewer = await signedIn({ roles: ["reviewer"] });
  const board = await signedIn({ roles: ["board"] });
  const reviewerAndBoard = await signedIn({ roles: ["reviewer", "board"] });
  const people: [string, string | undefined][] = [
    ["visitor", undefined],
    ["provider", provider.cookie],
    ["reviewer", reviewer.cookie],
    ["board", board.cookie],
    ["reviewer+board", reviewerAndBoard.cookie],
  ];
  const auditBefore = (await db.select().from(auditEvents)).length;
  const frameworksBefore = await db.select().from(frameworks);
  let checked = 0;
  for (const [who, cookie] of people) {
    for (const [path, route, params, fields] of routes) {
      if (route.loader) {
        const answer = await callLoader(route.loader, getRequest(path, cookie), params);
        if (who === "visitor") {
          expect(statusOf(answer), `${who} GET ${path}`).toBe(302);
          expect((answer as Response).headers.get("Location"), `${who} GET ${path}`).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
        } else expect(statusOf(answer), `${who} GET ${path}`).toBe(404);
        checked++;
      }
      if (route.action) {
        const status = statusOf(await callAction(route.action, postRequest(path, fields, cookie), params));
        expect(status, `${who} POST ${path}`).toBe(who === "visitor" ? 302 : 404);
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThan(80);
  expect((await db.select().from(auditEvents)).length).toBe(auditBefore);
  expect(await db.select().from(frameworks)).toEqual(frameworksBefore);
  // And the roles were not touched by the refused grant.
  expect((await db.select().from(userRoles).where(eq(userRoles.role, "board"))).length).toBe(2);
});

test("staff get 200 from every /admin loader", async () => {
  const { routes } = await adminRoutes();
  const staff = await signedIn({ roles: ["staff"] });
  for (const [path, route, params] of routes) {
    if (!route.loader) continue;
    const result = await callLoader(route.loader, getRequest(path, staff.cookie), params);
    expect(statusOf(result), `GET ${path}`).toBe(200);
  }
});

test("CASE endpoints serve no draft to anyone, staff included", async () => {
  const { draftId } = await adminRoutes();
  const staff = await signedIn({ roles: ["staff"] });
  const reviewer = await signedIn({ roles: ["reviewer"] });
  const [draft] = await db.select().from(frameworks).where(eq(frameworks.id, draftId));
  const { getFramework } = await import("~/services/framework.server");
  const node = (await getFramework(db, draft.id))!.nodes[0];
  for (const cookie of [undefined, reviewer.cookie, staff.cookie]) {
    expect(statusOf(await callLoader(casePackages.loader, getRequest(`/ims/case/v1p1/CFPackages/${draftId}`, cookie), { id: draftId }))).toBe(404);
    expect(statusOf(await callLoader(caseDocument.loader, getRequest(`/ims/case/v1p1/CFDocuments/${draftId}`, cookie), { id: draftId }))).toBe(404);
    expect(statusOf(await callLoader(caseItem.loader, getRequest(`/ims/case/v1p1/CFItems/${node.id}`, cookie), { id: node.id }))).toBe(404);
    expect(statusOf(await callLoader(caseAssociation.loader, getRequest(`/ims/case/v1p1/CFAssociations/${node.parentAssociationId}`, cookie), { id: node.parentAssociationId }))).toBe(404);
  }
  const list = (await callLoader(caseDocuments.loader, getRequest("/ims/case/v1p1/CFDocuments"))) as Response;
  const body = (await list.json()) as { CFDocuments: { identifier: string }[] };
  expect(body.CFDocuments.map((d) => d.identifier)).not.toContain(draftId);
  expect(body.CFDocuments).toHaveLength(1);
});

test("the last staff member cannot be demoted, not even by themselves", async () => {
  const only = await signedIn({ roles: ["staff"] });
  const result = await callAction(usersPage.action, postRequest("/admin/users", { intent: "remove", userId: only.user.id, role: "staff" }, only.cookie));
  expect(statusOf(result)).toBe(409);
  expect(await db.select().from(userRoles).where(eq(userRoles.role, "staff"))).toHaveLength(1);

  // A disabled colleague does not count: the one active staff member still may not go.
  const disabled = await signedIn({ roles: ["staff"] });
  await db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, disabled.user.id));
  expect(await removeRole(db, only.user.id, only.user.id, "staff")).toMatchObject({ ok: false, status: 409 });
});

test("two staff demoting each other at the same moment leave exactly one staff member", async () => {
  for (let round = 0; round < 5; round++) {
    await db.delete(userRoles);
    const a = await signedIn({ roles: ["staff"] });
    const b = await signedIn({ roles: ["staff"] });
    const results = await Promise.all([removeRole(db, a.user.id, b.user.id, "staff"), removeRole(db, b.user.id, a.user.id, "staff")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ status: 409 })]);
    expect(await db.select().from(userRoles).where(eq(userRoles.role, "staff"))).toHaveLength(1);
  }
});

test("a demotion and a disable racing cannot leave no active staff", async () => {
  const a = await signedIn({ roles: ["staff"] });
  const b = await signedIn({ roles: ["staff"] });
  const { disableUser } = await import("~/services/users-admin.server");
  const results = await Promise.all([removeRole(db, a.user.id, a.user.id, "staff"), disableUser(db, a.user.id, b.user.id, "left the foundation")]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  const active = await db
    .select({ id: users.id })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(eq(userRoles.role, "staff"));
  const stillActive = [];
  for (const row of active) {
    const [u] = await db.select().from(users).where(eq(users.id, row.id));
    if (!u.disabledAt) stillActive.push(u.id);
  }
  expect(stillActive).toHaveLength(1);
});

test("a disabled user's sessions stop working at once, and the change is audited", async () => {
  const staff = await signedIn({ roles: ["staff"] });
  const reviewer = await signedIn({ roles: ["reviewer", "staff"] });
  const token = reviewer.cookie.slice("session=".length);
  expect(await validateSessionToken(db, token)).not.toBeNull();
  // Before: the second staff member can open the dashboard.
  expect(statusOf(await callLoader(dashboard.loader, getRequest("/admin", reviewer.cookie)))).toBe(200);

  const result = await callAction(usersPage.action, postRequest("/admin/users", { intent: "disable", userId: reviewer.user.id, reason: "Left the programme" }, staff.cookie));
  expect(statusOf(result)).toBe(302);

  expect(await db.select().from(sessions).where(eq(sessions.userId, reviewer.user.id))).toHaveLength(0);
  expect(await validateSessionToken(db, token)).toBeNull();
  // The old cookie no longer signs anyone in: a visitor now, sent to log in.
  const after = await callLoader(dashboard.loader, getRequest("/admin", reviewer.cookie));
  expect(statusOf(after)).toBe(302);
  expect((after as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fadmin");
  const [row] = await db.select().from(users).where(eq(users.id, reviewer.user.id));
  expect(row.disabledAt).not.toBeNull();
  const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "user.disabled"));
  expect(event).toMatchObject({ actorId: staff.user.id, entityId: reviewer.user.id, data: { reason: "Left the programme", sessionsEnded: 1 } });

  // Staff cannot disable themselves.
  const self = await callAction(usersPage.action, postRequest("/admin/users", { intent: "disable", userId: staff.user.id, reason: "" }, staff.cookie));
  expect(statusOf(self)).toBe(409);
});

test("granting roles and expertise is audited; unknown areas are refused", async () => {
  const staff = await signedIn({ roles: ["staff"] });
  await publishedFramework();
  const person = await signedIn({ name: "Robin Reviewer" });
  expect(statusOf(await callAction(usersPage.action, postRequest("/admin/users", { intent: "grant", userId: person.user.id, role: "reviewer" }, staff.cookie)))).toBe(302);
  expect(statusOf(await callAction(usersPage.action, postRequest("/admin/users", { intent: "grant", userId: person.user.id, role: "reviewer" }, staff.cookie)))).toBe(409);
  expect(statusOf(await callAction(usersPage.action, postRequest("/admin/users", { intent: "expertise", userId: person.user.id, expertise: ["OWN", "ASYNC"] }, staff.cookie)))).toBe(302);
  expect(statusOf(await callAction(usersPage.action, postRequest("/admin/users", { intent: "expertise", userId: person.user.id, expertise: ["NOPE"] }, staff.cookie)))).toBe(400);
  const [row] = await db.select().from(users).where(eq(users.id, person.user.id));
  expect(row.expertise).toEqual(["ASYNC", "OWN"]);
  const actions = (await db.select().from(auditEvents)).map((e) => e.action);
  expect(actions).toEqual(["user.role_granted", "user.expertise_set"]);

  const found = await callLoader(usersPage.loader, getRequest("/admin/users?q=robin&role=reviewer", staff.cookie));
  const { users: listed } = found as { users: { id: string; roles: string[] }[] };
  expect(listed.map((u) => u.id)).toEqual([person.user.id]);
});

test("a failed email can be retried from the outbox page; the retry is audited and the email renders", async () => {
  const staff = await signedIn({ roles: ["staff"] });
  const failed = await createOutboxEmail({ status: "failed", lastError: "Resend said no", attempts: 8, to: "ada@example.org" });
  const sent = await createOutboxEmail({ status: "sent", to: "bob@example.org" });
  const page = (await callLoader(emailsPage.loader, getRequest(`/admin/emails?status=failed&view=${failed.id}`, staff.cookie))) as {
    emails: { id: string; lastError: string | null }[];
    viewing: { html: string; text: string } | null;
  };
  expect(page.emails.map((e) => e.id)).toEqual([failed.id]);
  expect(page.emails[0].lastError).toBe("Resend said no");
  expect(page.viewing?.html).toContain("<html");
  expect(page.viewing?.text).toContain("http://localhost/verify-email?token=x");

  expect(statusOf(await callAction(emailsPage.action, postRequest("/admin/emails", { intent: "retry", id: sent.id }, staff.cookie)))).toBe(409);
  expect(statusOf(await callAction(emailsPage.action, postRequest("/admin/emails", { intent: "retry", id: failed.id }, staff.cookie)))).toBe(302);
  const { emailOutbox } = await import("../../db/schema");
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, failed.id));
  expect(row).toMatchObject({ status: "pending", attempts: 0, lastError: null });
  expect((await db.select().from(auditEvents)).map((e) => [e.action, e.entityId])).toEqual([["email.retried", failed.id]]);
});

test("the dashboard counts applications per status, overdue reviews, the longest waits, expiring accreditations and the median days to decision", async () => {
  const { loadDashboard } = await import("~/services/admin-dashboard.server");
  const { listFrameworks } = await import("~/services/framework.server");
  const { setClock } = await import("~/services/clock.server");
  const { applications: apps, accreditations, reviewerAssignments } = await import("../../db/schema");
  const at = new Date("2026-06-01T12:00:00Z");
  setClock(() => at);
  const day = (n: number) => new Date(at.getTime() + n * 86_400_000);
  const { framework } = await publishedFramework();
  const org = await createOrganisation({ displayName: "Ferris Training" });
  const reviewer = await signedIn({ roles: ["reviewer"], name: "Rae Viewer" });
  const insert = (status: (typeof apps.$inferInsert)["status"], submittedAt: Date | null, decidedAt: Date | null = null, firstSubmittedAt: Date | null = null) =>
    db.insert(apps).values({ organisationId: org.id, frameworkId: framework.id, status, submittedAt, decidedAt, firstSubmittedAt }).returning().then((r) => r[0]);
  await insert("draft", null);
  const waiting = await insert("submitted", day(-30));
  const reviewing = await insert("under_review", day(-10));
  // Decided 10 and 20 days after the first submission (a resubmitted later: its first submission counts; b has no
  // first submission recorded, so its submission counts).
  const a = await insert("accredited", day(-5), day(-100), day(-110));
  const b = await insert("rejected", day(-200), day(-180));
  await db.insert(reviewerAssignments).values({ applicationId: reviewing.id, reviewerId: reviewer.user.id, status: "accepted", dueAt: day(-3) });
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  await db.insert(accreditations).values([
    { certificateNumber: "ACC-2026-0001", organisationId: org.id, applicationId: a.id, scope: [], validFrom: iso(day(-1000)), validUntil: iso(day(45)) },
    { certificateNumber: "ACC-2026-0002", organisationId: org.id, applicationId: b.id, scope: [], validFrom: iso(day(-10)), validUntil: iso(day(400)) },
  ]);

  const d = await loadDashboard(db);
  expect(Object.fromEntries(d.statusCounts.map((c) => [c.status, c.count]))).toMatchObject({ draft: 1, submitted: 1, under_review: 1, accredited: 1, rejected: 1, withdrawn: 0 });
  expect(d.overdueReviews).toEqual([expect.objectContaining({ reviewer: "Rae Viewer", organisation: "Ferris Training", daysOverdue: 3 })]);
  expect(d.waitingLongest.map((w) => [w.applicationId, w.daysWaiting])).toEqual([
    [waiting.id, 30],
    [reviewing.id, 10],
  ]);
  expect(d.expiring).toEqual([expect.objectContaining({ certificateNumber: "ACC-2026-0001", daysLeft: 45 })]);
  expect(d.medianDaysToDecision).toBe(15);
  expect(d.decidedCount).toBe(2);

  const [version] = await listFrameworks(db);
  expect(version).toMatchObject({ areaCount: 2, competencyCount: 5, applicationCount: 5 });
});

test("fifty new framework drafts, then fifty new rubric drafts, asked for at once make one draft and one audit event each; the first is told it was created, the others are led to it", async () => {
  const { cookie } = await signedIn({ roles: ["staff"] });
  await publishedFramework();
  await createRubric();
  const kinds = [
    { path: "/admin/framework", route: frameworkIndex, table: frameworks, created: "framework.draft_created" },
    { path: "/admin/rubric", route: rubricIndex, table: rubrics, created: "rubric.draft_created" },
  ];
  for (const { path, route, table, created } of kinds) {
    const answers = await Promise.all(Array.from({ length: 50 }, () => callAction(route.action, postRequest(path, { intent: "create-draft" }, cookie))));
    const drafts = await db.select({ id: table.id }).from(table).where(eq(table.status, "draft"));
    expect(drafts).toHaveLength(1);
    expect(answers.map(statusOf)).toEqual(Array<number>(50).fill(302));
    const locations = answers.map((a) => (a as Response).headers.get("Location"));
    expect(locations.filter((l) => l === `${path}/${drafts[0].id}?created=1`)).toHaveLength(1);
    expect(locations.filter((l) => l === `${path}/${drafts[0].id}?existing=1`)).toHaveLength(49);
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, created))).toHaveLength(1);
  }
});
