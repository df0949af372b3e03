import { desc, sql } from "drizzle-orm";
import { hash } from "@node-rs/argon2";
import type { Database } from "./client.server";
import { refreshAllDirectoryEntries } from "./directory";
import {
  accreditations,
  annualReports,
  appealDocuments,
  appealPanelMembers,
  appeals,
  applicationRevisions,
  applications,
  assignmentProposals,
  auditEvents,
  boardVotes,
  certificateSequences,
  changeRequests,
  competencies,
  complaintEvents,
  complaints,
  conflicts,
  courseModules,
  courses,
  decisions,
  documents,
  frameworks,
  invitations,
  mappingDisputes,
  materialChanges,
  moduleMappings,
  organisationMembers,
  organisations,
  reviewerAssignments,
  reviews,
  rubricCriteria,
  rubrics,
  scopeChanges,
  trainers,
  userRoles,
  users,
} from "./schema";
import { chainEvents, GENESIS_HASH } from "./audit-chain";
import { buildDemoData } from "./seed-data/build";
import { DEMO_PASSWORD } from "./seed-data/people";

export { DEMO_PASSWORD } from "./seed-data/people";

// Serialises two processes starting on the same empty database (e.g. several instances on one PostgreSQL).
const SEED_LOCK_KEY = 884_212;
// The same key as the audit service, so the seeded chain never interleaves with a live writer.
const AUDIT_LOCK_KEY = 884_211;

export type SeedOptions = {
  /** The day the demo is built around (expiry windows, "recently accredited"); defaults to today. */
  today?: Date;
};

const countUsers = async (db: Database) => {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(row.n);
};

/**
 * Seed the demo data when the database holds no users. Returns whether it seeded.
 * Deterministic (name-based ids, dates as offsets from the base day), one transaction, bulk inserts.
 */
export async function seedIfEmpty(db: Database, options: SeedOptions = {}): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  // Argon2id is deliberately slow: hash the shared demo password once and reuse it for every account.
  const passwordHash = await hash(DEMO_PASSWORD);

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    if ((await countUsers(tx)) > 0) return false;
    // The audit lock first: the seeded events take the ids after the last one, and an appeal names one by its id.
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const [last] = await tx.select({ id: auditEvents.id, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    const firstAuditId = Number(last?.id ?? 0) + 1;
    const data = buildDemoData(options.today ?? new Date(), passwordHash, firstAuditId);

    await tx.insert(users).values(data.users);
    await tx.insert(userRoles).values(data.userRoles);
    await tx.insert(frameworks).values(data.frameworks);
    await tx.insert(competencies).values(data.competencies);
    await tx.insert(rubrics).values(data.rubrics);
    await tx.insert(rubricCriteria).values(data.rubricCriteria);
    await tx.insert(organisations).values(data.organisations);
    await tx.insert(organisationMembers).values(data.organisationMembers);
    await tx.insert(conflicts).values(data.conflicts);
    await tx.insert(applications).values(data.applications);
    await tx.insert(trainers).values(data.trainers);
    await tx.insert(courses).values(data.courses);
    await tx.insert(courseModules).values(data.courseModules);
    await tx.insert(moduleMappings).values(data.moduleMappings);
    await tx.insert(documents).values(data.documents);
    await tx.insert(applicationRevisions).values(data.applicationRevisions);
    await tx.insert(changeRequests).values(data.changeRequests);
    await tx.insert(reviewerAssignments).values(data.reviewerAssignments);
    await tx.insert(reviews).values(data.reviews);
    await tx.insert(mappingDisputes).values(data.mappingDisputes);
    await tx.insert(invitations).values(data.invitations);
    await tx.insert(boardVotes).values(data.boardVotes);
    await tx.insert(decisions).values(data.decisions);
    await tx.insert(accreditations).values(data.accreditations);
    // New certificates continue after the seeded numbers of each year.
    for (const s of data.certificateSequences) {
      await tx
        .insert(certificateSequences)
        .values(s)
        .onConflictDoUpdate({ target: certificateSequences.year, set: { last: sql`greatest(${certificateSequences.last}, excluded.last)` } });
    }

    await tx.insert(appeals).values(data.appeals);
    await tx.insert(appealPanelMembers).values(data.appealPanelMembers);
    await tx.insert(appealDocuments).values(data.appealDocuments);
    await tx.insert(complaints).values(data.complaints);
    await tx.insert(complaintEvents).values(data.complaintEvents);
    await tx.insert(scopeChanges).values(data.scopeChanges);
    await tx.insert(materialChanges).values(data.materialChanges);
    await tx.insert(annualReports).values(data.annualReports);
    await tx.insert(assignmentProposals).values(data.assignmentProposals);

    const chained = chainEvents(last?.hash ?? GENESIS_HASH, data.audit).map((e, i) => ({ ...e, id: firstAuditId + i }));
    // Explicit ids in chain order (the ids buildDemoData was told); the sequence then continues after them.
    for (let i = 0; i < chained.length; i += 200) await tx.insert(auditEvents).values(chained.slice(i, i + 200));
    await tx.execute(sql`select setval(pg_get_serial_sequence('audit_events', 'id'), greatest((select max(id) from audit_events), (select last_value from audit_events_id_seq)))`);

    await refreshAllDirectoryEntries(tx, data.today);
    return true;
  });
}
