/**
 * Re-mapping after a framework version is published (issue 16, decision 037): one task per accreditation in force
 * whose application is pinned to an older version, and the task's mappings against the new version (carried over
 * or chosen by the provider) until it is completed.
 */
import { date, pgTable, text, uniqueIndex, uuid, boolean } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { accreditationColumns } from "./accreditations";
import { applications, courseModules, mappingColumns } from "./applications";
import { frameworks } from "./framework";
import { REMAP_TASK_STATUSES } from "./enums";
import { orgAndStatusIndexes, ownerRef, requiredRef, ts, uuidPk } from "./columns";

export const remapTasks = pgTable(
  "remap_tasks",
  {
    id: uuidPk(),
    ...accreditationColumns(),
    applicationId: requiredRef("application_id", () => applications.id),
    fromFrameworkId: requiredRef("from_framework_id", () => frameworks.id),
    toFrameworkId: requiredRef("to_framework_id", () => frameworks.id),
    status: text("status", { enum: REMAP_TASK_STATUSES }).notNull().default("open"),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    openedAt: ts("opened_at").notNull().defaultNow(),
    remindedAt: ts("reminded_at"),
    completedBy: uuid("completed_by").references(() => users.id),
    completedAt: ts("completed_at"),
  },
  (t) => [
    // Publishing twice (or retried) never opens a second task for the same accreditation and version.
    uniqueIndex("remap_tasks_accreditation_version_idx").on(t.accreditationId, t.toFrameworkId),
    ...orgAndStatusIndexes("remap_tasks", t),
  ],
);

/** A module's mapping to a competency of the new version while the task is open. */
export const remapTaskMappings = pgTable(
  "remap_task_mappings",
  {
    id: uuidPk(),
    taskId: ownerRef("task_id", () => remapTasks.id),
    ...mappingColumns(),
    /** True when carried over from an unchanged competency of the old version. */
    carried: boolean("carried").notNull().default(false),
  },
  (t) => [uniqueIndex("remap_task_mappings_unique_idx").on(t.taskId, t.moduleId, t.competencyId)],
);

/** The modules that must be mapped again (their old mapping named a changed or retired competency), and when they were. */
export const remapTaskModules = pgTable(
  "remap_task_modules",
  {
    taskId: ownerRef("task_id", () => remapTasks.id),
    moduleId: ownerRef("module_id", () => courseModules.id),
    /** The codes of the old mapping that did not carry over, shown beside the module. */
    lostCodes: text("lost_codes").array().notNull(),
    mappedAt: ts("mapped_at"),
    mappedBy: uuid("mapped_by").references(() => users.id),
  },
  (t) => [uniqueIndex("remap_task_modules_pk_idx").on(t.taskId, t.moduleId)],
);
