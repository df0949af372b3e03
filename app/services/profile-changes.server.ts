/**
 * Public-profile changes of listed providers (issue 12): the provider proposes, staff approve or reject. An
 * approval applies the change to the organisation, refreshes its directory entry, audits once and emails the
 * provider, all in one transaction whose compare-and-set (pending → decided) lets exactly one decision through.
 */
import { asc, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { organisations, profileChanges, users } from "../../db/schema";
import { refreshDirectoryEntry } from "../../db/directory";
import { isoDate } from "~/domain/accreditation";
import { attempt, CORRECT_FIELDS, RACE_LOST, refuse, type Outcome } from "~/domain/outcome";
import { can, type SessionUser } from "~/domain/policy";
import { changedFields, type PublicProfile, type decideProfileChangeSchema, type proposeProfileChangeSchema } from "~/domain/profile-change";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { setIfStatusUnchanged } from "./transition.server";
import { recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { isUniqueViolation } from "./db-errors.server";
import { enqueueEmailEach } from "./emails.server";
import { organisationRecipients } from "./recipients.server";
import { isListed } from "./organisations.server";

export type ProfileChangeRow = typeof profileChanges.$inferSelect;

const publicProfileOf = (o: PublicProfile): PublicProfile => ({ displayName: o.displayName, description: o.description, website: o.website || null });

/** The provider's page: its public profile now, the change waiting for review, and the last decided one. */
export async function profileChangesForOrganisation(db: Database, organisationId: string) {
  const rows = await db.select().from(profileChanges).where(eq(profileChanges.organisationId, organisationId)).orderBy(desc(profileChanges.proposedAt)).limit(5);
  return { pending: rows.find((r) => r.status === "pending") ?? null, lastDecided: rows.find((r) => r.status !== "pending") ?? null, listed: await isListed(db, organisationId) };
}

export async function proposeProfileChange(
  db: Database,
  user: SessionUser,
  organisationId: string,
  input: z.output<typeof proposeProfileChangeSchema>,
): Promise<Outcome<ProfileChangeRow>> {
  const proposed = publicProfileOf(input);
  try {
    return await attempt(() =>
      db.transaction(async (tx) => {
        if (!can(user, "organisation:edit", { kind: "organisation", organisationId })) refuse(404, "Not found");
        const [org] = await tx.select().from(organisations).where(eq(organisations.id, organisationId));
        if (!org) refuse(404, "Not found");
        if (!(await isListed(tx, organisationId))) {
          refuse(409, "Your organisation is not listed in the directory yet: edit its profile in your application instead.");
        }
        const current = publicProfileOf(org);
        if (changedFields(current, proposed).length === 0) {
          refuse(400, CORRECT_FIELDS, { displayName: "This is your public profile as it is: change at least one field to propose a change" });
        }
        const [row] = await tx
          .insert(profileChanges)
          .values({ organisationId, ...proposed, previous: current, proposedBy: user.id, proposedAt: now() })
          .returning();
        await recordAudit(tx, {
          actorId: user.id,
          action: "organisation.profile_change_proposed",
          entityType: "organisation",
          entityId: organisationId,
          data: { profileChangeId: row.id, fields: changedFields(current, proposed) },
        });
        return row;
      }),
    );
  } catch (error) {
    // The one-pending-change index: another proposal of this organisation won the race.
    if (isUniqueViolation(error)) return pendingAlready();
    throw error;
  }
}

const pendingAlready = (): Outcome<never> => ({
  ok: false,
  status: 409,
  message: "A change to your public profile is already waiting for review. The programme team answers it first; then you may propose another.",
});

/** Staff's list: every change waiting for review, oldest first, with what it replaces. */
export async function listPendingProfileChanges(db: Database) {
  return db
    .select({ change: profileChanges, organisation: { id: organisations.id, slug: organisations.slug, displayName: organisations.displayName, description: organisations.description, website: organisations.website }, proposedByName: users.name })
    .from(profileChanges)
    .innerJoin(organisations, eq(organisations.id, profileChanges.organisationId))
    .leftJoin(users, eq(users.id, profileChanges.proposedBy))
    .where(eq(profileChanges.status, "pending"))
    .orderBy(asc(profileChanges.proposedAt));
}

export async function countPendingProfileChanges(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(profileChanges).where(eq(profileChanges.status, "pending"));
  return Number(row?.n ?? 0);
}

export async function decideProfileChange(db: Database, user: SessionUser, input: z.output<typeof decideProfileChangeSchema>): Promise<Outcome<ProfileChangeRow>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const [found] = await tx.select().from(profileChanges).where(eq(profileChanges.id, input.id));
      if (!found || !can(user, "organisation:reviewProfile", { kind: "organisation", organisationId: found.organisationId })) refuse(404, "Not found");
      const at = now();
      const status = input.intent === "approve" ? "approved" : "rejected";
      // Compare-and-set: of any number of simultaneous decisions, one moves the change out of pending.
      const decided = await setIfStatusUnchanged(tx, profileChanges, { id: input.id, status: "pending" }, { status, decidedBy: user.id, decidedAt: at, reason: status === "rejected" ? input.reason : null }, found.status === "pending" ? RACE_LOST : `This change was already ${found.status}.`);
      const [org] = await tx.select().from(organisations).where(eq(organisations.id, decided.organisationId)).for("update");
      if (status === "approved") {
        await tx
          .update(organisations)
          .set({ displayName: decided.displayName, description: decided.description, website: decided.website, version: sql`${organisations.version} + 1`, updatedAt: at })
          .where(eq(organisations.id, decided.organisationId));
        // The directory, the profile page and the page cache read the entry: it changes in this transaction.
        await refreshDirectoryEntry(tx, decided.organisationId, isoDate(at));
      }
      await recordAudit(tx, {
        actorId: user.id,
        action: `organisation.profile_change_${status}`,
        entityType: "organisation",
        entityId: decided.organisationId,
        data: { profileChangeId: decided.id, fields: changedFields(decided.previous, publicProfileOf(decided)), ...(status === "rejected" ? { reason: input.reason } : {}) },
      });
      const profileUrl = `${config().appUrl}/provider/organisations/${decided.organisationId}/profile`;
      const organisationName = status === "approved" ? decided.displayName : org.displayName;
      await enqueueEmailEach(tx, await organisationRecipients(tx, decided.organisationId), {
        template: "profile-change-decided",
        props: { organisationName, outcome: status, reason: decided.reason ?? "", profileUrl },
        idempotencyKey: `profile-change:${decided.id}`,
      });
      return decided;
    }),
  );
}

