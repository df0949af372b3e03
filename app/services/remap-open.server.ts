/**
 * Opening re-mapping tasks (decision 037): in the transaction that publishes a framework version, one task per
 * accreditation in force whose application is pinned to an older version, with its carried-over mappings, the
 * modules to map again, an audit event and an email to the organisation's owners.
 */
import { and, eq, gte, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { accreditations, applications, competencies, courseModules, frameworks, moduleMappings, organisations, remapTaskMappings, remapTaskModules, remapTasks } from "../../db/schema";
import { planRemap } from "~/domain/remap";
import { diffFrameworks } from "~/domain/framework-diff";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { addDays, now, today } from "./clock.server";
import { isoDate } from "~/domain/accreditation";
import { recordAudit } from "./audit.server";
import { enqueueEmailEach } from "./emails.server";
import { organisationRecipients } from "./recipients.server";
import { toNode } from "./framework.server";
import { casesWithAccreditation } from "./accreditation-lists.server";
import type { RemapTaskProps } from "../../emails/remap-task";

export async function emailOwners(tx: Database, task: { id: string; organisationId: string }, props: Omit<RemapTaskProps, "name" | "taskUrl">, key: string) {
  await enqueueEmailEach(tx, await organisationRecipients(tx, task.organisationId, "owners"), {
    template: "remap-task",
    props: { ...props, taskUrl: `${config().appUrl}/provider/remap/${task.id}` },
    idempotencyKey: `remap-task:${task.id}:${key}`,
  });
}

/** The accredited courses' modules of an accreditation (the course ids in its scope). */
export function scopeCourseIds(scope: { courseId?: string | null }[]): string[] {
  return [...new Set(scope.map((e) => e.courseId).filter((id): id is string => typeof id === "string"))];
}

/** Inside the publishing transaction, after `toFrameworkId` became the published version. Returns how many tasks opened. */
export async function openRemapTasks(tx: Database, actorId: string, toFrameworkId: string): Promise<number> {
  const [to] = await tx.select().from(frameworks).where(eq(frameworks.id, toFrameworkId));
  const day = today();
  const pinned = await tx
    .select({ a: accreditations, fromFrameworkId: applications.frameworkId, fromVersion: frameworks.version, organisationName: organisations.displayName })
    .from(accreditations)
    .innerJoin(applications, eq(applications.id, accreditations.applicationId))
    .innerJoin(frameworks, eq(frameworks.id, applications.frameworkId))
    .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
    .where(and(inArray(accreditations.status, ["active", "suspended"]), gte(accreditations.validUntil, day), ne(applications.frameworkId, toFrameworkId), lt(frameworks.version, to.version)));
  if (pinned.length === 0) return 0;
  const next = (await tx.select().from(competencies).where(eq(competencies.frameworkId, toFrameworkId))).map(toNode);
  const diffs = new Map<string, ReturnType<typeof diffFrameworks>>();
  const dueOn = isoDate(addDays(now(), config().REMAP_DEADLINE_DAYS));
  let opened = 0;
  for (const row of pinned) {
    if (!diffs.has(row.fromFrameworkId)) {
      const before = (await tx.select().from(competencies).where(eq(competencies.frameworkId, row.fromFrameworkId))).map(toNode);
      diffs.set(row.fromFrameworkId, diffFrameworks(before, next));
    }
    const [task] = await tx
      .insert(remapTasks)
      .values({ accreditationId: row.a.id, organisationId: row.a.organisationId, applicationId: row.a.applicationId, fromFrameworkId: row.fromFrameworkId, toFrameworkId, dueOn })
      .onConflictDoNothing()
      .returning({ id: remapTasks.id });
    if (!task) continue; // already opened for this version
    // An older version's task still open is replaced by this one: it could no longer be completed (decision 037).
    const replaced = await tx
      .update(remapTasks)
      .set({ status: "superseded" })
      .where(and(eq(remapTasks.accreditationId, row.a.id), eq(remapTasks.status, "open"), ne(remapTasks.id, task.id)))
      .returning({ id: remapTasks.id });
    for (const old of replaced) {
      await recordAudit(tx, { actorId, action: "remap.superseded", entityType: "remap_task", entityId: old.id, data: { byTaskId: task.id, toVersion: to.version } });
    }
    const courseIds = scopeCourseIds(row.a.scope);
    const old =
      courseIds.length === 0
        ? []
        : await tx
            .select({ moduleId: moduleMappings.moduleId, code: competencies.code, depth: moduleMappings.depth })
            .from(moduleMappings)
            .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
            .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
            .where(inArray(courseModules.courseId, courseIds));
    const plan = planRemap(old, diffs.get(row.fromFrameworkId)!, next);
    if (plan.carried.length > 0) await tx.insert(remapTaskMappings).values(plan.carried.map((m) => ({ ...m, taskId: task.id, carried: true, depth: m.depth as "introduced" })));
    // Modules with no mapping at all also need one before the task can be completed.
    const mappedModules = new Set(old.map((m) => m.moduleId));
    const unmapped = courseIds.length === 0 ? [] : (await tx.select({ id: courseModules.id }).from(courseModules).where(inArray(courseModules.courseId, courseIds))).filter((m) => !mappedModules.has(m.id));
    const toMap = [...plan.toMap, ...unmapped.map((m) => ({ moduleId: m.id, lostCodes: [] as string[] }))];
    if (toMap.length > 0) await tx.insert(remapTaskModules).values(toMap.map((m) => ({ taskId: task.id, moduleId: m.moduleId, lostCodes: m.lostCodes })));
    await recordAudit(tx, {
      actorId,
      action: "remap.opened",
      entityType: "remap_task",
      entityId: task.id,
      data: { accreditationId: row.a.id, fromVersion: row.fromVersion, toVersion: to.version, carried: plan.carried.length, toMap: toMap.length, dueOn },
    });
    await emailOwners(tx, { id: task.id, organisationId: row.a.organisationId }, { organisationName: row.organisationName, certificateNumber: row.a.certificateNumber, kind: "opened", frameworkVersion: to.version, toMap: toMap.length, dueOn }, "opened");
    opened += 1;
  }
  return opened;
}

/** Scheduled: one reminder per open task a week before its due date (and at once for one already that close). */
export async function sendRemapReminders(db: Database): Promise<number> {
  const soon = isoDate(addDays(now(), 7));
  const due = await casesWithAccreditation(db, remapTasks, { t: remapTasks, version: frameworks.version })
    .innerJoin(frameworks, eq(frameworks.id, remapTasks.toFrameworkId))
    .where(and(eq(remapTasks.status, "open"), isNull(remapTasks.remindedAt), sql`${remapTasks.dueOn} <= ${soon}::date`));
  let sent = 0;
  for (const row of due) {
    await db.transaction(async (tx) => {
      // Compare-and-set on reminded_at: two scheduler runs at once send one reminder.
      const [claimed] = await tx.update(remapTasks).set({ remindedAt: now() }).where(and(eq(remapTasks.id, row.t.id), isNull(remapTasks.remindedAt), eq(remapTasks.status, "open"))).returning({ id: remapTasks.id });
      if (!claimed) return;
      const [left] = await tx.select({ n: sql<number>`count(*)::int` }).from(remapTaskModules).where(and(eq(remapTaskModules.taskId, row.t.id), isNull(remapTaskModules.mappedAt)));
      await emailOwners(tx, row.t, { organisationName: row.organisationName, certificateNumber: row.certificateNumber, kind: "reminder", frameworkVersion: row.version, toMap: left.n, dueOn: row.t.dueOn }, "reminder");
      sent += 1;
    });
  }
  return sent;
}
