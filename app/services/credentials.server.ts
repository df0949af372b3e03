/**
 * Open Badges 3.0 credentials of accreditations: issued, signed and stored in the transaction that grants,
 * renews or reinstates an accreditation; revoked (the status list bit set) in the transaction that
 * suspends, revokes or supersedes it. Decision 019: one revocation-purpose status entry per credential;
 * a suspension revokes the current credential and reinstatement issues a fresh one.
 */
import { randomInt, randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { createList, decodeList } from "@digitalbazaar/vc-bitstring-status-list";
import { accreditations, competencies, courseModules, courses, credentials, credentialStatusLists, frameworks, moduleMappings, organisations, applications } from "../../db/schema";
import { caseUrl, type CaseContext } from "~/domain/case";
import { accreditationCredential, STATUS_LIST_ID, STATUS_LIST_LENGTH } from "~/domain/credentials";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { now, today } from "./clock.server";
import { signCredential } from "./credential-crypto.server";
import { caseContext } from "./case.server";
import { issuerKey } from "./issuer-key.server";
import { registerIssuerKey } from "./issuer-keys.server";
import { appendPublicLog, type PublicLogEvent } from "./public-log.server";

export type CredentialRow = typeof credentials.$inferSelect;
export type IssueReason = "granted" | "renewed" | "reinstated" | "scope_changed" | "remapped" | "backfilled";

let emptyList: Promise<string> | undefined;

/** The status list row, created on first use and locked for the rest of the transaction. */
async function lockStatusList(tx: Database) {
  emptyList ??= createList({ length: STATUS_LIST_LENGTH }).then((l) => l.encode());
  await tx.insert(credentialStatusLists).values({ id: STATUS_LIST_ID, encodedList: await emptyList, nextIndex: 0, version: 1 }).onConflictDoNothing();
  const [list] = await tx.select().from(credentialStatusLists).where(eq(credentialStatusLists.id, STATUS_LIST_ID)).for("update");
  return list;
}

/**
 * A random free index on the list. Handed out in order, an index would tell anyone holding two credentials
 * which was issued first and roughly when (Bitstring Status List: issuers should assign indexes randomly).
 * The list row stays locked for the transaction, so two issues cannot draw the same index; `nextIndex` counts
 * the indexes handed out, so a full list is refused before probing.
 */
async function allocateStatusIndex(tx: Database): Promise<number> {
  const list = await lockStatusList(tx);
  if (list.nextIndex >= STATUS_LIST_LENGTH) throw new Error("The status list is full: add a second list before issuing more credentials");
  for (;;) {
    const candidate = randomInt(STATUS_LIST_LENGTH);
    const [taken] = await tx.select({ id: credentials.id }).from(credentials).where(eq(credentials.statusListIndex, candidate)).limit(1);
    if (taken) continue;
    await tx.update(credentialStatusLists).set({ nextIndex: list.nextIndex + 1 }).where(eq(credentialStatusLists.id, STATUS_LIST_ID));
    return candidate;
  }
}

/**
 * The non-disputed competencies the courses in scope cover, as CASE items. By the scope's courses, not the
 * granting application's: an extension adds courses from its own application, a reduction drops some.
 */
async function coveredCompetencies(tx: Database, courseIds: string[], ctx: CaseContext) {
  if (courseIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ id: competencies.id, code: competencies.code, title: competencies.title })
    .from(moduleMappings)
    .innerJoin(courseModules, eq(courseModules.id, moduleMappings.moduleId))
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .innerJoin(competencies, eq(competencies.id, moduleMappings.competencyId))
    .where(
      and(
        inArray(courses.id, courseIds),
        eq(competencies.kind, "competency"),
        sql`not exists (select 1 from mapping_disputes d where d.mapping_id = ${moduleMappings.id} and (d.resolved_at is null or d.resolution = 'upheld'))`,
      ),
    )
    .orderBy(asc(competencies.code));
  return rows.map((c) => ({ code: c.code, title: c.title, uri: caseUrl(ctx, "CFItems", c.id) }));
}

const LOG_EVENT: Record<IssueReason, PublicLogEvent | null> = { granted: "granted", renewed: "renewed", reinstated: null, scope_changed: "scope_changed", remapped: "remapped", backfilled: "granted" };

/**
 * Sign and store the credential of an accreditation as it stands in this transaction. Call it after the
 * change's compare-and-set, so it runs exactly once per change.
 */
export async function issueCredential(tx: Database, accreditationId: string, reason: IssueReason, known?: { frameworkId: string }): Promise<CredentialRow> {
  const appUrl = config().appUrl;
  // A decision passes the framework of the application it already read; other changes look it up here.
  const [row] = known
    ? await tx
        .select({ a: accreditations, org: { slug: organisations.slug, name: organisations.displayName } })
        .from(accreditations)
        .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
        .where(eq(accreditations.id, accreditationId))
        .then((rows) => rows.map((r) => ({ ...r, frameworkId: known.frameworkId })))
    : await tx
        .select({ a: accreditations, org: { slug: organisations.slug, name: organisations.displayName }, frameworkId: applications.frameworkId })
        .from(accreditations)
        .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
        .innerJoin(applications, eq(applications.id, accreditations.applicationId))
        .where(eq(accreditations.id, accreditationId));
  const ctx = caseContext();
  const [framework] = await tx.select({ id: frameworks.id, title: frameworks.title, version: frameworks.version }).from(frameworks).where(eq(frameworks.id, row.frameworkId));
  const statusListIndex = await allocateStatusIndex(tx);
  const credentialId = randomUUID();
  const unsigned = accreditationCredential({
    appUrl,
    credentialId,
    certificateNumber: row.a.certificateNumber,
    organisation: row.org,
    validFrom: row.a.validFrom,
    validUntil: row.a.validUntil,
    scope: row.a.scope,
    conditions: row.a.conditions,
    framework: framework ? { title: `${framework.title} (version ${framework.version})`, uri: caseUrl(ctx, "CFDocuments", framework.id) } : null,
    competencies: await coveredCompetencies(tx, [...new Set(row.a.scope.map((s) => s.courseId))], ctx),
    statusListIndex,
  });
  const key = await issuerKey();
  await registerIssuerKey(tx, key);
  const signed = await signCredential(unsigned, key);
  const [stored] = await tx
    .insert(credentials)
    .values({ id: credentialId, accreditationId, statusListIndex, keyId: key.keyId, document: JSON.stringify(signed, null, 2), issuedAt: now(), reason })
    .returning();
  const event = LOG_EVENT[reason];
  if (event) {
    await appendPublicLog(tx, {
      event,
      certificateNumber: row.a.certificateNumber,
      data: { provider: row.org.slug, providerName: row.org.name, validFrom: row.a.validFrom, validUntil: row.a.validUntil, scope: row.a.scope.length, credential: signed.id },
    });
  }
  return stored;
}

/** The accreditation's live credentials: those not revoked. */
const liveCredentialsOf = (accreditationId: string) => and(eq(credentials.accreditationId, accreditationId), isNull(credentials.revokedAt));

/** Revoke every live credential of the accreditation: set their bits and bump the list's version. */
export async function revokeCredentials(tx: Database, accreditationId: string, reason: "suspended" | "revoked" | "superseded" | "reissued"): Promise<number> {
  const live = await tx.select({ id: credentials.id, statusListIndex: credentials.statusListIndex }).from(credentials).where(liveCredentialsOf(accreditationId));
  if (live.length === 0) return 0;
  const list = await lockStatusList(tx);
  const bits = await decodeList({ encodedList: list.encodedList });
  for (const c of live) bits.setStatus(c.statusListIndex, true);
  const at = now();
  await tx.update(credentialStatusLists).set({ encodedList: await bits.encode(), version: list.version + 1, updatedAt: at }).where(eq(credentialStatusLists.id, STATUS_LIST_ID));
  await tx.update(credentials).set({ revokedAt: at, revocationReason: reason }).where(liveCredentialsOf(accreditationId));
  return live.length;
}

/** The credential the provider should hand out: the newest one still live. */
export async function currentCredential(db: Database, accreditationId: string): Promise<CredentialRow | null> {
  const [row] = await db
    .select()
    .from(credentials)
    .where(liveCredentialsOf(accreditationId))
    .orderBy(desc(credentials.issuedAt))
    .limit(1);
  return row ?? null;
}

export async function credentialsOf(db: Database, accreditationId: string): Promise<CredentialRow[]> {
  return db.select().from(credentials).where(eq(credentials.accreditationId, accreditationId)).orderBy(desc(credentials.issuedAt));
}

/**
 * Accreditations in force that have no credential yet (granted before credentials existed, or seeded):
 * each gets one in its own transaction, with the accreditation row locked so concurrent runs issue once. Stops
 * between two accreditations once `signal` is aborted.
 */
export async function backfillCredentials(db: Database, signal?: AbortSignal): Promise<number> {
  const day = today();
  const missing = await db
    .select({ id: accreditations.id })
    .from(accreditations)
    .where(and(eq(accreditations.status, "active"), sql`${accreditations.validUntil} >= ${day}`, sql`not exists (select 1 from credentials c where c.accreditation_id = ${accreditations.id})`));
  let issued = 0;
  for (const { id } of missing) {
    if (signal?.aborted) break;
    if (await backfillCredential(db, id)) issued += 1;
  }
  return issued;
}

/** One accreditation's first credential, if it is active and has none (row locked: concurrent calls issue once). */
export async function backfillCredential(db: Database, accreditationId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ status: accreditations.status, validUntil: accreditations.validUntil }).from(accreditations).where(eq(accreditations.id, accreditationId)).for("update");
    const [existing] = await tx.select({ id: credentials.id }).from(credentials).where(eq(credentials.accreditationId, accreditationId)).limit(1);
    if (locked?.status !== "active" || locked.validUntil < today() || existing) return false;
    await issueCredential(tx, accreditationId, "backfilled");
    return true;
  });
}

/**
 * The credential side of a lifecycle change, in the change's transaction: suspension and revocation
 * revoke the live credential; reinstatement issues a fresh one (decision 019). Each is a public log event.
 */
export async function credentialsFollowLifecycle(
  tx: Database,
  accreditation: { id: string; certificateNumber: string; organisationId: string },
  action: "suspend" | "reinstate" | "revoke",
): Promise<void> {
  if (action === "reinstate") await issueCredential(tx, accreditation.id, "reinstated");
  else await revokeCredentials(tx, accreditation.id, action === "suspend" ? "suspended" : "revoked");
  const [org] = await tx.select({ slug: organisations.slug }).from(organisations).where(eq(organisations.id, accreditation.organisationId));
  await appendPublicLog(tx, {
    event: action === "suspend" ? "suspended" : action === "reinstate" ? "reinstated" : "revoked",
    certificateNumber: accreditation.certificateNumber,
    data: { provider: org?.slug ?? null },
  });
}
