/**
 * Re-mapping tasks (decision 037): the provider's and staff's views, mapping a module against the new version and
 * completing the task. Each change: the table (domain/remap.ts), one transaction with compare-and-set on the task's
 * status, audit, and on completion the courses' mappings, the application's version, the credential and the
 * directory entry, all in that transaction.
 */
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { refreshDirectoryEntry } from "../../db/directory";
import { accreditations, applications, competencies, courseModules, courses, frameworks, moduleMappings, organisations, remapTaskMappings, remapTaskModules, remapTasks } from "../../db/schema";
import { completionProblems, isOverdue, remapMove, type RemapAction, type RemapModuleInput, type RemapRole } from "~/domain/remap";
import { isStaffFor, type SessionUser, providerRoleOf } from "~/domain/policy";
import { attempt, CORRECT_FIELDS, ok, refuse, refused, type Outcome } from "~/domain/outcome";
import { isUuid } from "~/domain/forms";
import type { Database } from "./db.server";
import { setIfStatusUnchanged } from "./transition.server";
import { now, today } from "./clock.server";
import { entityHistory, recordAudit } from "./audit.server";
import { diffVersions } from "./framework.server";
import { issueCredential, revokeCredentials } from "./credentials.server";
import { emailOwners, scopeCourseIds } from "./remap-open.server";
import { casesWithAccreditation } from "./accreditation-lists.server";

async function loadTask(db: Database, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await casesWithAccreditation(db, remapTasks, { t: remapTasks, a: accreditations, toVersion: frameworks.version, toStatus: frameworks.status })
    .innerJoin(frameworks, eq(frameworks.id, remapTasks.toFrameworkId))
    .where(eq(remapTasks.id, id));
  return row ?? null;
}
type Loaded = NonNullable<Awaited<ReturnType<typeof loadTask>>>;

/** The modules of the accredited courses, each with its mappings against the new version and whether it must be mapped again. */
async function taskModules(db: Database, row: Loaded) {
  const courseIds = scopeCourseIds(row.a.scope);
  if (courseIds.length === 0) return [];
  const modules = await db
    .select({ id: courseModules.id, title: courseModules.title, learningOutcomes: courseModules.learningOutcomes, courseTitle: courses.title, required: remapTaskModules.moduleId, lostCodes: remapTaskModules.lostCodes, mappedAt: remapTaskModules.mappedAt })
    .from(courseModules)
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .leftJoin(remapTaskModules, and(eq(remapTaskModules.moduleId, courseModules.id), eq(remapTaskModules.taskId, row.t.id)))
    .where(inArray(courseModules.courseId, courseIds))
    .orderBy(asc(courses.position), asc(courseModules.position));
  const mapped = await db
    .select({ moduleId: remapTaskMappings.moduleId, competencyId: remapTaskMappings.competencyId, code: competencies.code, title: competencies.title, depth: remapTaskMappings.depth, carried: remapTaskMappings.carried })
    .from(remapTaskMappings)
    .innerJoin(competencies, eq(competencies.id, remapTaskMappings.competencyId))
    .where(eq(remapTaskMappings.taskId, row.t.id))
    .orderBy(asc(competencies.code));
  return modules.map((m) => ({
    id: m.id,
    title: m.title,
    courseTitle: m.courseTitle,
    learningOutcomes: m.learningOutcomes,
    required: m.required !== null,
    lostCodes: m.lostCodes ?? [],
    mappedAt: m.mappedAt,
    mappings: mapped.filter((x) => x.moduleId === m.id).map(({ moduleId: _, ...x }) => x),
  }));
}

/** The task that replaced a superseded one: the accreditation's newest task. */
async function replacement(db: Database, row: Loaded) {
  if (row.t.status !== "superseded") return null;
  const [newer] = await db
    .select({ id: remapTasks.id, toVersion: frameworks.version })
    .from(remapTasks)
    .innerJoin(frameworks, eq(frameworks.id, remapTasks.toFrameworkId))
    .where(and(eq(remapTasks.accreditationId, row.t.accreditationId), ne(remapTasks.id, row.t.id)))
    .orderBy(desc(frameworks.version))
    .limit(1);
  return newer ?? null;
}

async function taskPage(db: Database, row: Loaded) {
  const [modules, compared, choices, timeline, replacedBy] = await Promise.all([
    taskModules(db, row),
    diffVersions(db, row.t.fromFrameworkId, row.t.toFrameworkId),
    db
      .select({ id: competencies.id, code: competencies.code, title: competencies.title })
      .from(competencies)
      .where(and(eq(competencies.frameworkId, row.t.toFrameworkId), eq(competencies.kind, "competency")))
      .orderBy(asc(competencies.position), asc(competencies.code)),
    entityHistory(db, "remap_task", row.t.id, "remap."),
    replacement(db, row),
  ]);
  return {
    task: { id: row.t.id, status: row.t.status, dueOn: row.t.dueOn, openedAt: row.t.openedAt, completedAt: row.t.completedAt, overdue: isOverdue(row.t, today()) },
    accreditation: { id: row.a.id, certificateNumber: row.a.certificateNumber },
    organisationName: row.organisationName,
    from: compared!.from,
    to: compared!.to,
    diff: compared!.diff,
    modules,
    choices,
    problems: completionProblems(modules.filter((m) => m.required)),
    timeline,
    replacedBy,
  };
}

/** The task for a member of its organisation, or null (404) for anyone else. */
export async function remapTaskForMember(db: Database, user: SessionUser, id: string) {
  const row = await loadTask(db, id);
  if (!row || providerRoleOf(user, row.t.organisationId) === null) return null;
  return taskPage(db, row);
}

/** The task for staff who do not belong to the organisation, or null (404). */
export async function remapTaskForStaff(db: Database, user: SessionUser, id: string) {
  const row = await loadTask(db, id);
  if (!row || !isStaffFor(user, row.t.organisationId)) return null;
  return taskPage(db, row);
}

/** Progress across providers: every task, newest version first, with counts of open, completed, overdue and replaced. */
export async function remapTasksForStaff(db: Database) {
  const rows = await casesWithAccreditation(db, remapTasks, {
    t: remapTasks,
    toVersion: frameworks.version,
    left: sql<number>`(select count(*)::int from remap_task_modules m where m.task_id = "remap_tasks"."id" and m.mapped_at is null)`,
  })
    .innerJoin(frameworks, eq(frameworks.id, remapTasks.toFrameworkId))
    .orderBy(desc(frameworks.version), asc(organisations.displayName))
    .limit(1000);
  const day = today();
  const tasks = rows.map((r) => ({ id: r.t.id, status: r.t.status, dueOn: r.t.dueOn, completedAt: r.t.completedAt, certificateNumber: r.certificateNumber, organisationName: r.organisationName, toVersion: r.toVersion, left: r.left, overdue: isOverdue(r.t, day) }));
  return {
    tasks,
    counts: {
      open: tasks.filter((t) => t.status === "open").length,
      completed: tasks.filter((t) => t.status === "completed").length,
      overdue: tasks.filter((t) => t.overdue).length,
      superseded: tasks.filter((t) => t.status === "superseded").length,
    },
  };
}

/** Open tasks of the organisations a provider belongs to (for the dashboard). */
export async function openRemapTasksFor(db: Database, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .select({ id: remapTasks.id, dueOn: remapTasks.dueOn, certificateNumber: accreditations.certificateNumber, toVersion: frameworks.version })
    .from(remapTasks)
    .innerJoin(accreditations, eq(accreditations.id, remapTasks.accreditationId))
    .innerJoin(frameworks, eq(frameworks.id, remapTasks.toFrameworkId))
    .where(and(inArray(remapTasks.organisationId, organisationIds), eq(remapTasks.status, "open")))
    .orderBy(asc(remapTasks.dueOn));
}

/** Compare-and-set on the task's status (the `map` move keeps it open but still locks the row against a completion). */
async function step(tx: Database, row: Loaded, action: RemapAction, role: RemapRole, set: Partial<typeof remapTasks.$inferInsert> = {}) {
  const m = remapMove(row.t.status, action, role);
  if (!m.ok) refuse(409, m.message);
  await setIfStatusUnchanged(tx, remapTasks, row.t, { ...set, status: m.to });
}

/** Map one module that must be mapped again: its chosen competencies of the new version replace what it had. */
export async function mapRemapModule(db: Database, user: SessionUser, id: string, input: RemapModuleInput): Promise<Outcome> {
  const row = await loadTask(db, id);
  const role = row ? providerRoleOf(user, row.t.organisationId) : null;
  if (!row || role === null) return refused(404, "Re-mapping task not found.");
  return attempt(async () =>
    db.transaction(async (tx) => {
      await step(tx, row, "map", role);
      const [item] = await tx.select().from(remapTaskModules).where(and(eq(remapTaskModules.taskId, row.t.id), eq(remapTaskModules.moduleId, input.moduleId)));
      if (!item) refuse(400, CORRECT_FIELDS, { moduleId: "This module keeps its mappings; choose one of the modules to map" });
      const chosen = await tx
        .select({ id: competencies.id, code: competencies.code })
        .from(competencies)
        .where(and(inArray(competencies.id, input.competencyIds), eq(competencies.frameworkId, row.t.toFrameworkId), eq(competencies.kind, "competency")));
      if (chosen.length !== new Set(input.competencyIds).size) refuse(400, CORRECT_FIELDS, { competencyIds: "Choose competencies of the new version" });
      // The module mapped again as it already is (a double click; fifty requests at once take turns on the task's row,
      // locked by the step above) answers as saved and writes nothing (decision 057).
      const current = await tx
        .select({ competencyId: remapTaskMappings.competencyId, depth: remapTaskMappings.depth, carried: remapTaskMappings.carried })
        .from(remapTaskMappings)
        .where(and(eq(remapTaskMappings.taskId, row.t.id), eq(remapTaskMappings.moduleId, input.moduleId)));
      const carried = new Set(current.filter((m) => m.carried).map((m) => m.competencyId));
      const listed = (pairs: { competencyId: string; depth: string }[]) => pairs.map((m) => `${m.competencyId}:${m.depth}`).sort().join(" ");
      const wanted = chosen.filter((c) => !carried.has(c.id)).map((c) => ({ competencyId: c.id, depth: input.depth }));
      if (item.mappedAt && listed(wanted) === listed(current.filter((m) => !m.carried))) return;
      await tx.delete(remapTaskMappings).where(and(eq(remapTaskMappings.taskId, row.t.id), eq(remapTaskMappings.moduleId, input.moduleId), eq(remapTaskMappings.carried, false)));
      await tx
        .insert(remapTaskMappings)
        .values(chosen.map((c) => ({ taskId: row.t.id, moduleId: input.moduleId, competencyId: c.id, depth: input.depth })))
        .onConflictDoNothing();
      await tx.update(remapTaskModules).set({ mappedAt: now(), mappedBy: user.id }).where(and(eq(remapTaskModules.taskId, row.t.id), eq(remapTaskModules.moduleId, input.moduleId)));
      await recordAudit(tx, { actorId: user.id, action: "remap.module_mapped", entityType: "remap_task", entityId: row.t.id, data: { moduleId: input.moduleId, codes: chosen.map((c) => c.code).sort(), depth: input.depth } });
    }),
  ).then((r) => (r.ok ? ok() : r));
}

/**
 * Complete the task: the accredited courses' mappings move to the new version (carried mappings keep their row, so
 * a dispute on them stays), the application is pinned to the new version, and — for an active accreditation — the
 * credential is reissued with the new version's CASE items and the directory entry rebuilt, all in one transaction.
 */
export async function completeRemapTask(db: Database, user: SessionUser, id: string): Promise<Outcome> {
  const row = await loadTask(db, id);
  const role = row ? providerRoleOf(user, row.t.organisationId) : null;
  if (!row || role === null) return refused(404, "Re-mapping task not found.");
  if (row.t.status === "open" && row.toStatus !== "published") return refused(409, `Version ${row.toVersion} is no longer the published framework: complete the task of the newer version instead.`);
  return attempt(async () =>
    db.transaction(async (tx) => {
      await step(tx, row, "complete", role, { completedAt: now(), completedBy: user.id });
      const left = await tx
        .select({ title: courseModules.title, mappedAt: remapTaskModules.mappedAt })
        .from(remapTaskModules)
        .innerJoin(courseModules, eq(courseModules.id, remapTaskModules.moduleId))
        .where(and(eq(remapTaskModules.taskId, row.t.id), isNull(remapTaskModules.mappedAt)));
      const problems = completionProblems(left);
      if (problems.length > 0) refuse(409, `Not yet: ${problems.join(" ")}`);
      const next = await tx.select().from(remapTaskMappings).where(eq(remapTaskMappings.taskId, row.t.id));
      const moduleIds = [...new Set(next.map((m) => m.moduleId))];
      const courseIds = scopeCourseIds(row.a.scope);
      const scopeModules = courseIds.length === 0 ? [] : (await tx.select({ id: courseModules.id }).from(courseModules).where(inArray(courseModules.courseId, courseIds))).map((m) => m.id);
      const old = scopeModules.length === 0 ? [] : await tx.select({ id: moduleMappings.id, moduleId: moduleMappings.moduleId, code: competencies.code }).from(moduleMappings).innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId)).where(inArray(moduleMappings.moduleId, scopeModules));
      const codeOf = new Map((await tx.select({ id: competencies.id, code: competencies.code }).from(competencies).where(eq(competencies.frameworkId, row.t.toFrameworkId))).map((c) => [c.id, c.code]));
      const kept = new Set<string>();
      const applied = new Set<string>();
      for (const m of next) {
        const same = m.carried ? old.find((o) => o.moduleId === m.moduleId && o.code === codeOf.get(m.competencyId)) : undefined;
        if (same) {
          await tx.update(moduleMappings).set({ competencyId: m.competencyId, depth: m.depth }).where(eq(moduleMappings.id, same.id));
          kept.add(same.id);
          applied.add(m.id);
        }
      }
      const gone = old.filter((o) => !kept.has(o.id)).map((o) => o.id);
      if (gone.length > 0) await tx.delete(moduleMappings).where(inArray(moduleMappings.id, gone));
      const fresh = next.filter((m) => !applied.has(m.id));
      if (fresh.length > 0) await tx.insert(moduleMappings).values(fresh.map((m) => ({ moduleId: m.moduleId, competencyId: m.competencyId, depth: m.depth }))).onConflictDoNothing();
      await tx.update(applications).set({ frameworkId: row.t.toFrameworkId }).where(eq(applications.id, row.t.applicationId));
      const reissued = row.a.status === "active";
      if (reissued) {
        await revokeCredentials(tx, row.a.id, "reissued");
        await issueCredential(tx, row.a.id, "remapped", { frameworkId: row.t.toFrameworkId });
      }
      await refreshDirectoryEntry(tx, row.a.organisationId, today());
      await recordAudit(tx, { actorId: user.id, action: "remap.completed", entityType: "remap_task", entityId: row.t.id, data: { accreditationId: row.a.id, toVersion: row.toVersion, modules: moduleIds.length, mappings: next.length, credentialReissued: reissued } });
      await emailOwners(tx, row.t, { organisationName: row.organisationName, certificateNumber: row.a.certificateNumber, kind: "completed", frameworkVersion: row.toVersion, toMap: 0, dueOn: row.t.dueOn }, "completed");
    }),
  ).then((r) => (r.ok ? ok() : r));
}
