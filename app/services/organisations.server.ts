import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { accreditations, appeals, applications, complaints, organisationMembers, organisations, users } from "../../db/schema";
import { anyOfIds, innerJoinedRows } from "../../db/client.server";
import { changesNothing, type FieldErrors } from "~/domain/forms";
import { attempt, refuse, refused, type Outcome } from "~/domain/outcome";
import type { SessionUser } from "~/domain/policy";
import type { createOrganisationSchema, organisationSectionSchema } from "~/domain/application-forms";
import type { Database } from "./db.server";
import { recordAudit } from "./audit.server";
import { now } from "./clock.server";
import { isUniqueViolation } from "./db-errors.server";
import { refreshDirectoryEntry } from "../../db/directory";
import { isoDate } from "~/domain/accreditation";
import { PUBLIC_PROFILE_FIELDS } from "~/domain/profile-change";

export const CONFLICT_MESSAGE = "Someone else saved this section since you opened it — reload to see their changes.";


export type OrganisationRow = typeof organisations.$inferSelect;

/** The organisations the user belongs to, with their role in each. */
export async function listMyOrganisations(db: Database, user: SessionUser) {
  const ids = user.memberships.map((m) => m.organisationId);
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: organisations.id, displayName: organisations.displayName, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.id, ids))
    .orderBy(asc(organisations.displayName));
  return rows.map((o) => ({ ...o, role: user.memberships.find((m) => m.organisationId === o.id)!.role }));
}

/** The tables of an organisation's own records that its members list: applications, accreditations, appeals, complaints. */
type OrganisationRecordTable = typeof applications | typeof accreditations | typeof appeals | typeof complaints;

/**
 * The rows of `table` that belong to the user's organisations (`also` narrows them further), with the `fields` asked
 * for and each row's `organisationName`; the caller goes on with the query. A caller whose user belongs to no
 * organisation answers "none" without asking.
 */
export function ofMyOrganisations<F extends SelectedFields>(db: Database, user: SessionUser, table: OrganisationRecordTable, fields: F, also?: SQL) {
  return db
    .select({ ...fields, organisationName: organisations.displayName })
    .from(table)
    .innerJoin(organisations, eq(organisations.id, table.organisationId))
    .where(and(anyOfIds(table.organisationId, user.memberships.map((m) => m.organisationId)), also))
    .$dynamic();
}

export async function getOrganisationForMember(db: Database, user: SessionUser, organisationId: string): Promise<OrganisationRow | null> {
  if (!user.memberships.some((m) => m.organisationId === organisationId)) return null;
  const [org] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  return org ?? null;
}

export async function createOrganisation(db: Database, user: SessionUser, input: z.output<typeof createOrganisationSchema>): Promise<Outcome<OrganisationRow>> {
  const slugTaken = () => refused(400, "That address name is taken.", { slug: "That address name is already taken — choose another" });
  const [existing] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, input.slug));
  if (existing) return slugTaken();
  try {
    const org = await db.transaction(async (tx) => {
      const at = now();
      const [row] = await tx
        .insert(organisations)
        .values({
          slug: input.slug,
          displayName: input.displayName,
          legalName: input.legalName,
          website: input.website || null,
          country: input.country,
          description: input.description,
          contactEmail: input.contactEmail,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      await tx.insert(organisationMembers).values({ organisationId: row.id, userId: user.id, role: "owner", joinedAt: at });
      await recordAudit(tx, { actorId: user.id, action: "organisation.created", entityType: "organisation", entityId: row.id, data: { slug: row.slug } });
      return row;
    });
    return { ok: true, value: org };
  } catch (error) {
    // Two people racing for the same slug: the unique index decides.
    if (isUniqueViolation(error)) return slugTaken();
    throw error;
  }
}

/** What the public directory and profile show of an accredited provider, besides its accredited courses. */
const PUBLIC_FIELDS = PUBLIC_PROFILE_FIELDS;

/** Whether the directory lists the organisation (an active or suspended accreditation): then public changes are reviewed. */
export async function isListed(db: Database, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: accreditations.id })
    .from(accreditations)
    .where(and(eq(accreditations.organisationId, organisationId), inArray(accreditations.status, ["active", "suspended"])))
    .limit(1);
  return !!row;
}

/**
 * While an organisation is listed (an active or suspended accreditation), its public name, description and website
 * are part of what the foundation vouches for: an edit from an application's organisation section, a renewal draft
 * included, must not reach the public profile unreviewed. They are refused here with a field message pointing to the
 * organisation's public-profile page, where the change is proposed and staff review it (profile-changes.server).
 */
async function refuseUnreviewedPublicChange(tx: Database, current: OrganisationRow, fields: Partial<Record<keyof typeof PUBLIC_FIELDS, string | null>>) {
  if (!(await isListed(tx, current.id))) return;
  const errors: FieldErrors = {};
  for (const [field, label] of Object.entries(PUBLIC_FIELDS) as [keyof typeof PUBLIC_FIELDS, string][]) {
    if (fields[field] !== undefined && (fields[field] || null) !== (current[field] || null)) {
      errors[field] = `Your accredited ${label} is shown in the public directory: propose the change on your organisation's public profile page (/provider/organisations/${current.id}/profile), where the programme team reviews it`;
    }
  }
  if (Object.keys(errors).length > 0) refuse(409, "Your public profile is part of your accreditation, so these changes were not saved.", errors);
}

/**
 * Save the organisation profile only if nobody saved it since `version` was loaded. A save that changes nothing
 * answers as saved and writes nothing (no new version, no audit event, no directory refresh), as a section row's does.
 */
export async function updateOrganisationProfile(
  db: Database,
  user: SessionUser,
  organisationId: string,
  input: z.output<typeof organisationSectionSchema>,
): Promise<Outcome<OrganisationRow>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const { version, ...fields } = input;
      const values = { ...fields, website: fields.website || null };
      const atVersion = and(eq(organisations.id, organisationId), eq(organisations.version, version));
      // Locked as the update would lock it, so the comparison and the update see the same row.
      const [stored] = await tx.select().from(organisations).where(atVersion).for("no key update");
      if (!stored) refuse(409, CONFLICT_MESSAGE);
      if (changesNothing(stored, values)) return stored;
      await refuseUnreviewedPublicChange(tx, stored, fields);
      const [row] = await tx
        .update(organisations)
        .set({ ...values, version: sql`${organisations.version} + 1`, updatedAt: now() })
        .where(atVersion)
        .returning();
      if (!row) refuse(409, CONFLICT_MESSAGE);
      await recordAudit(tx, { actorId: user.id, action: "organisation.updated", entityType: "organisation", entityId: organisationId, data: { version: row.version } });
      // The public directory shows the profile's name and description: keep its read model in step.
      await refreshDirectoryEntry(tx, organisationId, isoDate(now()));
      return row;
    }),
  );
}

/** The organisation's members (those `which` keeps) joined to their accounts, with the `fields` asked for, in `orderBy`. */
export async function membersOf<T extends SelectedFields>(db: Database, organisationId: string, fields: T, { which, orderBy }: { which?: SQL; orderBy: SQL[] }) {
  const rows = await db
    .select(fields as SelectedFields)
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(and(eq(organisationMembers.organisationId, organisationId), which))
    .orderBy(...orderBy);
  return innerJoinedRows<T>(rows);
}

export async function listMembers(db: Database, organisationId: string) {
  const fields = { userId: users.id, name: users.name, email: users.email, role: organisationMembers.role, joinedAt: organisationMembers.joinedAt };
  return membersOf(db, organisationId, fields, { orderBy: [asc(organisationMembers.role), asc(users.name)] });
}

/** An owner removes a member; the last owner can never be removed (the organisation would be orphaned). */
export async function removeMember(db: Database, actor: SessionUser, organisationId: string, userId: string): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      // Lock the organisation so two owners removing each other cannot both succeed.
      await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId)).for("update");
      const members = await tx.select().from(organisationMembers).where(eq(organisationMembers.organisationId, organisationId));
      const target = members.find((m) => m.userId === userId);
      if (!target) refuse(404, "That person is not a member of this organisation.");
      const owners = members.filter((m) => m.role === "owner");
      if (target.role === "owner" && owners.length <= 1) refuse(409, "An organisation needs at least one owner: make someone else an owner before removing the last one.");
      await tx.delete(organisationMembers).where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)));
      await recordAudit(tx, { actorId: actor.id, action: "organisation.member_removed", entityType: "organisation", entityId: organisationId, data: { userId, role: target.role } });
      return undefined;
    }),
  );
}
