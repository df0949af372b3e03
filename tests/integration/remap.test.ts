import { afterEach, expect, test } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { recordDecision } from "~/services/board-decision.server";
import { createDraft, publishFramework } from "~/services/framework-drafts.server";
import { getFramework } from "~/services/framework.server";
import { addNode, updateNode } from "~/services/framework-nodes.server";
import { openRemapTasks, sendRemapReminders } from "~/services/remap-open.server";
import { completeRemapTask, remapTasksForStaff } from "~/services/remap.server";
import { createSession } from "~/services/sessions.server";
import * as providerTask from "~/routes/provider.remap.$id";
import * as staffTask from "~/routes/admin.remap.$id";
import * as staffList from "~/routes/admin.remap._index";
import { accreditations, applications, auditEvents, competencies, courseModules, credentials, directoryEntries, emailOutbox, moduleMappings, publicLogEntries, remapTaskMappings, remapTaskModules, remapTasks } from "../../db/schema";
import { createOrganisation, createUser, sessionUserFor } from "../support/factories";
import { castVoteRow, createAwaitingDecision, createBoard, createStaff } from "../support/factories-board";
import { callAction, callLoader, getRequest, payloadOf, postRequest, statusOf } from "../support/requests";

const at = (iso: string) => setClock(() => new Date(iso));
afterEach(() => setClock(undefined));

const cookieFor = async (userId: string) => `session=${(await createSession(db, userId)).token}`;
const audited = (action: string) => db.select().from(auditEvents).where(eq(auditEvents.action, action));
const mails = (template: string) => db.select().from(emailOutbox).where(eq(emailOutbox.template, template));

/** Accredited on framework version 1 through the real decision; its modules map OWN.1, OWN.2 (Ownership) and ASYNC.1. */
async function accredited() {
  at("2026-01-10T10:00:00Z");
  const app = await createAwaitingDecision();
  const board = await createBoard(3);
  const staff = await createStaff();
  for (const m of board) await castVoteRow(app.application.id, m.user.id, "approve");
  const result = await recordDecision(db, staff.sessionUser, app.application.id, { outcome: "accredited", conditions: "", rationale: "", meetingReference: "BM-1" });
  if (!result.ok) throw new Error(result.message);
  const [accreditation] = await db.select().from(accreditations).where(eq(accreditations.applicationId, app.application.id));
  at("2026-03-01T10:00:00Z");
  return { ...app, staff, accreditation };
}

/** Version 2: OWN.2 reworded (changed), OWN.4 added; everything else unchanged. */
async function draftVersion2(staffId: string) {
  const draft = await createDraft(db, staffId);
  if (!draft.ok) throw new Error(draft.message);
  const nodes = (await getFramework(db, draft.value.id))!.nodes;
  const own2 = nodes.find((n) => n.code === "OWN.2")!;
  const own = nodes.find((n) => n.code === "OWN")!;
  const changed = await updateNode(db, staffId, draft.value.id, own2.id, { kind: "competency", parentId: own.id, code: "OWN.2", title: "Borrow and reborrow", description: own2.description, level: "foundation", core: true });
  if (!changed.ok) throw new Error(changed.message);
  await addNode(db, staffId, draft.value.id, { kind: "competency", parentId: own.id, code: "OWN.4", title: "Use smart pointers", description: "", level: "intermediate", core: false });
  return draft.value.id;
}

async function taskOf(accreditationId: string) {
  const [task] = await db.select().from(remapTasks).where(eq(remapTasks.accreditationId, accreditationId));
  return task;
}

test("publishing opens one task per accreditation, even when publish is retried at once: unchanged mappings carry over, the rest is to map", async () => {
  const w = await accredited();
  const v2 = await draftVersion2(w.staff.user.id);
  const results = await Promise.all(Array.from({ length: 10 }, () => publishFramework(db, w.staff.user.id, v2)));
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.find((r) => r.ok)).toMatchObject({ value: { remapTasks: 1 } });
  // A retry of the opening itself (as after a crash between publish and commit) opens nothing more.
  expect(await db.transaction((tx) => openRemapTasks(tx, w.staff.user.id, v2))).toBe(0);
  const tasks = await db.select().from(remapTasks);
  expect(tasks).toHaveLength(1);
  expect(tasks[0]).toMatchObject({ accreditationId: w.accreditation.id, status: "open", toFrameworkId: v2, fromFrameworkId: w.framework.framework.id, dueOn: "2026-04-30" });
  expect(await audited("remap.opened")).toHaveLength(1);
  expect((await mails("remap-task")).map((m) => [m.to, m.subject])).toEqual([[w.owner.user.email, "Map your courses to framework version 2: Ferris Training"]]);
  const carried = await db.select({ code: competencies.code, moduleId: remapTaskMappings.moduleId }).from(remapTaskMappings).innerJoin(competencies, eq(competencies.id, remapTaskMappings.competencyId)).where(eq(remapTaskMappings.taskId, tasks[0].id));
  expect(carried.map((c) => c.code).sort()).toEqual(["ASYNC.1", "OWN.1"]);
  const toMap = await db.select().from(remapTaskModules).where(eq(remapTaskModules.taskId, tasks[0].id));
  expect(toMap).toMatchObject([{ lostCodes: ["OWN.2"], mappedAt: null }]);
});

test("the provider maps what changed and completes once under 50 concurrent completions: mappings, credential, public log and directory follow", async () => {
  const w = await accredited();
  const v2 = await draftVersion2(w.staff.user.id);
  await publishFramework(db, w.staff.user.id, v2);
  const task = await taskOf(w.accreditation.id);
  const path = `/provider/remap/${task.id}`;
  const owner = await cookieFor(w.owner.user.id);
  const page = payloadOf<Awaited<ReturnType<typeof providerTask.loader>>>(await callLoader(providerTask.loader, getRequest(path, owner), { id: task.id }));
  expect(page.diff.added.map((n) => n.code)).toEqual(["OWN.4"]);
  expect(page.diff.changed.map((c) => c.code)).toEqual(["OWN.2"]);
  expect(page.problems).toHaveLength(1);
  const [moduleToMap] = await db.select().from(remapTaskModules).where(eq(remapTaskModules.taskId, task.id));

  // Completing too early is refused, with the reason beside the button.
  const early = await callAction(providerTask.action, postRequest(path, { intent: "complete" }, owner), { id: task.id });
  expect(statusOf(early)).toBe(409);
  expect(payloadOf<{ formId: string; errors: Record<string, string> }>(early)).toMatchObject({ formId: "complete", errors: { form: expect.stringContaining("to the new version") } });

  // Bad input: no competency chosen → 400 beside the list; a competency of the old version → 400 too; what was typed comes back.
  const none = await callAction(providerTask.action, postRequest(path, { intent: "map", moduleId: moduleToMap.moduleId, depth: "practised" }, owner), { id: task.id });
  expect(statusOf(none)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string>; values: Record<string, unknown> }>(none)).toMatchObject({ errors: { competencyIds: "Choose at least one competency" }, values: { depth: "practised" } });
  const stale = await callAction(providerTask.action, postRequest(path, { intent: "map", moduleId: moduleToMap.moduleId, competencyIds: w.framework.competencies["OWN.2"].id, depth: "practised" }, owner), { id: task.id });
  expect(statusOf(stale)).toBe(400);
  expect(payloadOf<{ errors: Record<string, string> }>(stale).errors.competencyIds).toBe("Choose competencies of the new version");

  const [newOwn2] = await db.select().from(competencies).where(and(eq(competencies.frameworkId, v2), eq(competencies.code, "OWN.2")));
  const [newOwn4] = await db.select().from(competencies).where(and(eq(competencies.frameworkId, v2), eq(competencies.code, "OWN.4")));
  const mapped = await callAction(providerTask.action, postRequest(path, { intent: "map", moduleId: moduleToMap.moduleId, competencyIds: [newOwn2.id, newOwn4.id], depth: "assessed" }, owner), { id: task.id });
  expect(statusOf(mapped)).toBe(302);
  expect(await audited("remap.module_mapped")).toHaveLength(1);
  // The same mapping sent again, fifty times at once, changes nothing: each answers as saved, none is recorded again.
  const remapped = await Promise.all(
    Array.from({ length: 50 }, () =>
      callAction(providerTask.action, postRequest(path, { intent: "map", moduleId: moduleToMap.moduleId, competencyIds: [newOwn4.id, newOwn2.id], depth: "assessed" }, owner), { id: task.id }),
    ),
  );
  expect(remapped.map(statusOf)).toEqual(Array<number>(50).fill(302));
  expect(await audited("remap.module_mapped")).toHaveLength(1);
  const chosen = await db.select().from(remapTaskMappings).where(and(eq(remapTaskMappings.taskId, task.id), eq(remapTaskMappings.moduleId, moduleToMap.moduleId)));
  expect(chosen.filter((m) => !m.carried).map((m) => [m.competencyId, m.depth]).sort()).toEqual([[newOwn2.id, "assessed"], [newOwn4.id, "assessed"]].sort());

  const [granted] = await db.select().from(credentials).where(eq(credentials.accreditationId, w.accreditation.id));
  const member = await sessionUserFor(w.owner.user.id);
  const results = await Promise.all(Array.from({ length: 50 }, () => completeRemapTask(db, member, task.id)));
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.status === 409)).toBe(true);
  expect(await audited("remap.completed")).toHaveLength(1);
  expect((await mails("remap-task")).filter((m) => m.subject.startsWith("Your courses are mapped"))).toHaveLength(1);
  const all = await db.select().from(credentials).where(eq(credentials.accreditationId, w.accreditation.id));
  expect(all).toHaveLength(2);
  expect(all.find((c) => c.id === granted.id)).toMatchObject({ revocationReason: "reissued" });
  const fresh = all.find((c) => c.id !== granted.id)!;
  expect(fresh).toMatchObject({ reason: "remapped", revokedAt: null });
  // The new credential's alignment names the new version's CASE items.
  expect(fresh.document).toContain(`/CFItems/${newOwn4.id}`);
  expect(fresh.document).not.toContain(`/CFItems/${w.framework.competencies["OWN.1"].id}`);
  expect(await db.select().from(publicLogEntries).where(eq(publicLogEntries.event, "remapped"))).toHaveLength(1);

  const [app] = await db.select().from(applications).where(eq(applications.id, w.application.id));
  expect(app.frameworkId).toBe(v2);
  const modules = await db.select({ id: courseModules.id }).from(courseModules).where(eq(courseModules.courseId, w.course.id));
  const now = await db
    .select({ code: competencies.code, frameworkId: competencies.frameworkId })
    .from(moduleMappings)
    .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
    .where(inArray(moduleMappings.moduleId, modules.map((m) => m.id)));
  expect(now.every((m) => m.frameworkId === v2)).toBe(true);
  expect(now.map((m) => m.code).sort()).toEqual(["ASYNC.1", "OWN.1", "OWN.2", "OWN.4"]);
  const [entry] = await db.select().from(directoryEntries).where(eq(directoryEntries.organisationId, w.organisation.id));
  expect([...entry.areas].sort()).toEqual(["ASYNC", "OWN"]);

  const staffCookie = await cookieFor(w.staff.user.id);
  const list = payloadOf<Awaited<ReturnType<typeof staffList.loader>>>(await callLoader(staffList.loader, getRequest("/admin/remap", staffCookie), {}));
  expect(list.counts).toEqual({ open: 0, completed: 1, overdue: 0, superseded: 0 });
  const staffPage = payloadOf<Awaited<ReturnType<typeof staffTask.loader>>>(await callLoader(staffTask.loader, getRequest(`/admin/remap/${task.id}`, staffCookie), { id: task.id }));
  expect(staffPage.timeline.map((e) => e.action)).toEqual(["remap.opened", "remap.module_mapped", "remap.completed"]);

  // Completed: no more mapping.
  const late = await callAction(providerTask.action, postRequest(path, { intent: "map", moduleId: moduleToMap.moduleId, competencyIds: newOwn2.id, depth: "assessed" }, owner), { id: task.id });
  expect(statusOf(late)).toBe(409);
});

test("an even newer version replaces the open task: the old one is closed once, points to the new one, and cannot be completed", async () => {
  const w = await accredited();
  const v2 = await draftVersion2(w.staff.user.id);
  await publishFramework(db, w.staff.user.id, v2);
  const first = await taskOf(w.accreditation.id);
  // Version 3 from version 2, with OWN.1 reworded; published by 50 identical requests at once.
  const draft = await createDraft(db, w.staff.user.id);
  if (!draft.ok) throw new Error(draft.message);
  const nodes = (await getFramework(db, draft.value.id))!.nodes;
  const own1 = nodes.find((n) => n.code === "OWN.1")!;
  const changed = await updateNode(db, w.staff.user.id, draft.value.id, own1.id, { kind: "competency", parentId: own1.parentId, code: "OWN.1", title: "Own values and move them", description: own1.description, level: "foundation", core: true });
  if (!changed.ok) throw new Error(changed.message);
  const published = await Promise.all(Array.from({ length: 50 }, () => publishFramework(db, w.staff.user.id, draft.value.id)));
  expect(published.filter((r) => r.ok)).toHaveLength(1);
  // Every side effect once: one task per version opened (audited and emailed once each), one replacement audited.
  expect(await audited("remap.opened")).toHaveLength(2);
  expect((await mails("remap-task")).filter((m) => m.subject.startsWith("Map your courses to framework version"))).toHaveLength(2);

  const tasks = await db.select().from(remapTasks).where(eq(remapTasks.accreditationId, w.accreditation.id));
  expect(tasks.map((t) => [t.toFrameworkId, t.status]).sort()).toEqual([[v2, "superseded"], [draft.value.id, "open"]].sort());
  const second = tasks.find((t) => t.status === "open")!;
  // The new task starts from what the accreditation follows (version 1), so both OWN.1 and OWN.2 are to map again.
  expect(second.fromFrameworkId).toBe(w.framework.framework.id);
  expect((await db.select().from(remapTaskModules).where(eq(remapTaskModules.taskId, second.id))).map((m) => m.lostCodes)).toEqual([["OWN.1", "OWN.2"]]);
  expect(await audited("remap.superseded")).toMatchObject([{ entityId: first.id, data: { byTaskId: second.id, toVersion: 3 } }]);

  const owner = await cookieFor(w.owner.user.id);
  const old = payloadOf<Awaited<ReturnType<typeof providerTask.loader>>>(await callLoader(providerTask.loader, getRequest(`/provider/remap/${first.id}`, owner), { id: first.id }));
  expect(old.task.status).toBe("superseded");
  expect(old.replacedBy).toEqual({ id: second.id, toVersion: 3 });
  expect(old.timeline.map((e) => e.action)).toEqual(["remap.opened", "remap.superseded"]);
  const refusedComplete = await completeRemapTask(db, await sessionUserFor(w.owner.user.id), first.id);
  expect(refusedComplete).toMatchObject({ ok: false, status: 409 });
  const current = payloadOf<Awaited<ReturnType<typeof providerTask.loader>>>(await callLoader(providerTask.loader, getRequest(`/provider/remap/${second.id}`, owner), { id: second.id }));
  expect(current.replacedBy).toBeNull();
  expect((await remapTasksForStaff(db)).counts).toEqual({ open: 1, completed: 0, overdue: 0, superseded: 1 });
});

test("others see nothing: another provider and staff get 404 on the provider page, a provider on the staff page", async () => {
  const w = await accredited();
  const v2 = await draftVersion2(w.staff.user.id);
  await publishFramework(db, w.staff.user.id, v2);
  const task = await taskOf(w.accreditation.id);
  const path = `/provider/remap/${task.id}`;
  const stranger = await createUser();
  await createOrganisation({ owner: stranger });
  for (const cookie of [await cookieFor(stranger.id), await cookieFor(w.staff.user.id)]) {
    expect(statusOf(await callLoader(providerTask.loader, getRequest(path, cookie), { id: task.id }))).toBe(404);
    expect(statusOf(await callAction(providerTask.action, postRequest(path, { intent: "complete" }, cookie), { id: task.id }))).toBe(404);
  }
  expect(statusOf(await callLoader(staffTask.loader, getRequest(`/admin/remap/${task.id}`, await cookieFor(w.owner.user.id)), { id: task.id }))).toBe(404);
  expect(statusOf(await callLoader(providerTask.loader, getRequest("/provider/remap/not-a-uuid", await cookieFor(w.owner.user.id)), { id: "not-a-uuid" }))).toBe(404);
  expect((await remapTasksForStaff(db)).counts).toEqual({ open: 1, completed: 0, overdue: 0, superseded: 0 });
});

test("a reminder goes once a week before the due date, even from two scheduler runs at once; past the date the task is overdue", async () => {
  const w = await accredited();
  const v2 = await draftVersion2(w.staff.user.id);
  await publishFramework(db, w.staff.user.id, v2);
  expect(await sendRemapReminders(db)).toBe(0);
  at("2026-04-24T09:00:00Z");
  const runs = await Promise.all([sendRemapReminders(db), sendRemapReminders(db), sendRemapReminders(db)]);
  expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
  expect((await mails("remap-task")).filter((m) => m.subject.startsWith("Re-mapping to framework version 2 is due"))).toHaveLength(1);
  at("2026-05-01T09:00:00Z");
  expect((await remapTasksForStaff(db)).counts).toEqual({ open: 1, completed: 0, overdue: 1, superseded: 0 });
});
