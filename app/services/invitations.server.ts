import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { formatDate, plural } from "~/domain/format";
import { auditEvents, invitations, organisationMembers, organisations, userRoles, users } from "../../db/schema";
import { config } from "~/config.server";
import { can, hasRole, type FoundationRole, type OrgRole, type SessionUser } from "~/domain/policy";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { recordAudit } from "./audit.server";
import { enqueueEmail } from "./emails.server";
import { attempt, CORRECT_FIELDS, ok, refuse, refused, type Outcome } from "~/domain/outcome";
import { hashToken, newToken } from "./accounts.server";
import { MAX_VERIFICATION_EMAILS_PER_HOUR, minutesUntilAnotherEmail } from "~/domain/email-limit";
import { isUuid } from "~/domain/forms";
import { lockKeys } from "./rate-limit.server";

const INVITATION_TTL_MS = 7 * 86_400_000;

export type CreateInvitationInput =
  | { inviter: SessionUser; email: string; kind: "role"; role: FoundationRole }
  | { inviter: SessionUser; email: string; kind: "organisation"; organisationId: string; orgRole: OrgRole };

type InvitationRow = typeof invitations.$inferSelect;
export type InvitationStatus = "pending" | "accepted" | "expired" | "revoked";

function invitationStatus(row: Pick<InvitationRow, "acceptedAt" | "revokedAt" | "expiresAt">, at = now()): InvitationStatus {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt.getTime() <= at.getTime()) return "expired";
  return "pending";
}

const ROLE_PHRASE: Record<FoundationRole, string> = {
  staff: "the foundation as a member of staff",
  reviewer: "the foundation as a reviewer",
  board: "the foundation's board",
};

/** "the foundation as a reviewer", "Ferris Academy as a member" — the phrase the email and the accept page use. */
async function describeTarget(db: Database, row: Pick<InvitationRow, "kind" | "role" | "organisationId" | "orgRole">): Promise<string> {
  if (row.kind === "role" && row.role) return ROLE_PHRASE[row.role];
  const [org] = row.organisationId
    ? await db.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, row.organisationId))
    : [];
  return `${org?.name ?? "an organisation"} as ${row.orgRole === "owner" ? "an owner" : "a member"}`;
}

function mayManage(inviter: SessionUser, row: Pick<InvitationRow, "kind" | "organisationId">): boolean {
  if (row.kind === "role") return hasRole(inviter, "staff");
  return !!row.organisationId && can(inviter, "organisation:manageMembers", { kind: "organisation", organisationId: row.organisationId });
}

const acceptUrl = (token: string) => `${config().appUrl}/invitations/${token}`;

async function sendInvitationEmail(tx: Database, row: InvitationRow, token: string, inviterName: string) {
  await enqueueEmail(tx, {
    template: "invitation",
    to: row.email,
    props: { inviterName, what: await describeTarget(tx, row), acceptUrl: acceptUrl(token), expiresOn: formatDate(row.expiresAt) },
  });
}

/** Does the address already have what the invitation would grant? */
async function alreadyGranted(db: Database, email: string, target: Pick<InvitationRow, "kind" | "role" | "organisationId">): Promise<boolean> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email}`);
  if (!user) return false;
  if (target.kind === "role" && target.role) {
    const rows = await db.select().from(userRoles).where(and(eq(userRoles.userId, user.id), eq(userRoles.role, target.role)));
    return rows.length > 0;
  }
  if (!target.organisationId) return false;
  const rows = await db
    .select()
    .from(organisationMembers)
    .where(and(eq(organisationMembers.userId, user.id), eq(organisationMembers.organisationId, target.organisationId)));
  return rows.length > 0;
}

/**
 * Invite an address to a foundation role (staff only) or to an organisation (its owners only). The token
 * is emailed and only its hash kept; the link works for 7 days.
 */
export async function createInvitation(db: Database, input: CreateInvitationInput): Promise<Outcome<{ invitation: InvitationRow; token: string }>> {
  return attempt(() => invite(db, input));
}

async function invite(db: Database, input: CreateInvitationInput) {
  const email = input.email.trim().toLowerCase();
  const target =
    input.kind === "role"
      ? { kind: "role" as const, role: input.role, organisationId: null, orgRole: null }
      : { kind: "organisation" as const, role: null, organisationId: input.organisationId, orgRole: input.orgRole };
  if (!mayManage(input.inviter, target)) {
    refuse(404, input.kind === "role" ? "Only staff can invite people to a foundation role." : "Only an owner of the organisation can invite people to it.");
  }
  const { token, hash } = newToken();
  const at = now();
  return db.transaction(async (tx) => {
    // Invitations to one address take turns (there is no row to lock before the first exists: a lock by name, as the
    // login limits take), so fifty identical ones sent at once find the one made first waiting, instead of each none.
    await lockKeys(tx, [`invitation:${email}`]);
    if (await alreadyGranted(tx, email, target)) {
      const message = input.kind === "role" ? "This person already has that role." : "This person is already a member of the organisation.";
      refuse(409, CORRECT_FIELDS, { email: message });
    }
    const pending = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          sql`lower(${invitations.email}) = ${email}`,
          eq(invitations.kind, target.kind),
          input.kind === "role" ? eq(invitations.role, input.role) : eq(invitations.organisationId, input.organisationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, at),
        ),
      );
    const waiting = "An invitation to this address is already waiting. Resend it from the list instead.";
    if (pending.length > 0) refuse(409, CORRECT_FIELDS, { email: waiting });
    const [invitation] = await tx
      .insert(invitations)
      .values({ email, ...target, tokenHash: hash, invitedBy: input.inviter.id, expiresAt: new Date(at.getTime() + INVITATION_TTL_MS), createdAt: at })
      .returning();
    await sendInvitationEmail(tx, invitation, token, input.inviter.name);
    await recordAudit(tx, {
      actorId: input.inviter.id,
      action: "invitation.created",
      entityType: "invitation",
      entityId: invitation.id,
      data: { email, kind: target.kind, role: target.role, organisationId: target.organisationId, orgRole: target.orgRole },
    });
    return { invitation, token };
  });
}

async function loadManageable(db: Database, inviter: SessionUser, id: string): Promise<InvitationRow> {
  const [row] = isUuid(id) ? await db.select().from(invitations).where(eq(invitations.id, id)) : [];
  // Someone who may not manage it learns nothing about it, not even that it exists.
  if (!row || !mayManage(inviter, row)) refuse(404, "Invitation not found.");
  return row;
}

/** A fresh link (the old one stops working, since only hashes are kept) and a new 7-day window. */
export async function resendInvitation(db: Database, inviter: SessionUser, id: string): Promise<Outcome<{ token: string }>> {
  return attempt(() => resend(db, inviter, id));
}

async function resend(db: Database, inviter: SessionUser, id: string) {
  const row = await loadManageable(db, inviter, id);
  const status = invitationStatus(row);
  if (status === "accepted" || status === "revoked") refuse(409, `This invitation was ${status}; send a new one instead.`);
  const { token, hash } = newToken();
  return db.transaction(async (tx) => {
    // The invitation's row lock makes resends of it take turns, so the hourly count below cannot be outrun (fifty
    // resends at once emailed fifty links).
    const [locked] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .for("no key update");
    if (!locked) refuse(409, "This invitation was accepted or revoked meanwhile.");
    const at = now();
    // Its first email counts, as the sign-up email counts for the confirmation resends.
    const sent = await tx
      .select({ at: auditEvents.occurredAt })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, "invitation"), eq(auditEvents.entityId, row.id), inArray(auditEvents.action, ["invitation.created", "invitation.resent"])));
    const retryAfterMinutes = minutesUntilAnotherEmail(sent.map((e) => e.at), at);
    if (retryAfterMinutes !== null) {
      const message = `We have sent ${MAX_VERIFICATION_EMAILS_PER_HOUR} invitation emails to ${row.email} in the last hour, so no new one was sent. Ask them to check their spam folder, or try again in ${plural(retryAfterMinutes, "minute")}.`;
      refuse(429, message, undefined, retryAfterMinutes * 60);
    }
    const [updated] = await tx
      .update(invitations)
      .set({ tokenHash: hash, expiresAt: new Date(at.getTime() + INVITATION_TTL_MS) })
      .where(eq(invitations.id, row.id))
      .returning();
    await sendInvitationEmail(tx, updated, token, inviter.name);
    await recordAudit(tx, { actorId: inviter.id, action: "invitation.resent", entityType: "invitation", entityId: row.id, data: { email: row.email } });
    return { token };
  });
}

export async function revokeInvitation(db: Database, inviter: SessionUser, id: string): Promise<Outcome> {
  return attempt(() => revoke(db, inviter, id));
}

async function revoke(db: Database, inviter: SessionUser, id: string): Promise<undefined> {
  const row = await loadManageable(db, inviter, id);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(invitations)
      .set({ revokedAt: now() })
      .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!updated) refuse(409, "This invitation was already accepted or revoked.");
    await recordAudit(tx, { actorId: inviter.id, action: "invitation.revoked", entityType: "invitation", entityId: row.id, data: { email: row.email } });
  });
  return undefined;
}

export type InvitationListItem = {
  id: string;
  email: string;
  kind: "role" | "organisation";
  role: FoundationRole | null;
  orgRole: OrgRole | null;
  status: InvitationStatus;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
};

/**
 * Invitations the viewer may manage, newest first: staff see the foundation-role invitations; an owner
 * sees those of their organisation. Anyone else gets a refusal.
 */
export async function listInvitations(db: Database, viewer: SessionUser, scope: { kind: "role" } | { organisationId: string } = { kind: "role" }): Promise<Outcome<InvitationListItem[]>> {
  const condition =
    "organisationId" in scope ? and(eq(invitations.kind, "organisation"), eq(invitations.organisationId, scope.organisationId)) : eq(invitations.kind, "role");
  if (!mayManage(viewer, "organisationId" in scope ? { kind: "organisation", organisationId: scope.organisationId } : { kind: "role", organisationId: null })) {
    return refused(404, "You cannot see these invitations.");
  }
  const rows = await db
    .select({ invitation: invitations, inviterName: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(condition)
    .orderBy(desc(invitations.createdAt))
    .limit(500);
  const at = now();
  const list = rows.map(({ invitation: i, inviterName }) => ({
    id: i.id,
    email: i.email,
    kind: i.kind,
    role: i.role,
    orgRole: i.orgRole,
    status: invitationStatus(i, at),
    invitedBy: inviterName,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    acceptedAt: i.acceptedAt,
  }));
  return ok(list);
}

export type InvitationDescription =
  | { state: "unknown" }
  | { state: "valid" | "expired" | "used" | "revoked"; email: string; what: string; inviterName: string | null; expiresAt: Date };

export const INVITATION_MESSAGES: Record<"expired" | "used" | "revoked" | "unknown", string> = {
  expired: "This invitation has expired. Ask the person who invited you to send a new one.",
  used: "This invitation has already been accepted. Each invitation works once.",
  revoked: "This invitation was withdrawn by the person who sent it.",
  unknown: "This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation.",
};

async function findByToken(db: Database, token: string | null | undefined): Promise<InvitationRow | undefined> {
  if (typeof token !== "string" || !/^[a-z2-7]{16,64}$/.test(token)) return undefined;
  const [row] = await db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
  return row;
}

/** What the accept page shows for a link. */
export async function describeInvitation(db: Database, token: string | null | undefined): Promise<InvitationDescription> {
  const row = await findByToken(db, token);
  if (!row) return { state: "unknown" };
  const status = invitationStatus(row);
  const [inviter] = row.invitedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.invitedBy)) : [];
  return {
    state: status === "pending" ? "valid" : status === "accepted" ? "used" : status,
    email: row.email,
    what: await describeTarget(db, row),
    inviterName: inviter?.name ?? null,
    expiresAt: row.expiresAt,
  };
}

/**
 * Accept: grant the role or membership and mark the invitation accepted, in one transaction. The update
 * is compare-and-set, so a link used twice at once grants once and the second use is told it was used.
 */
export async function acceptInvitation(db: Database, token: string | null | undefined, user: SessionUser): Promise<Outcome<{ what: string; kind: "role" | "organisation" }>> {
  return attempt(() => accept(db, token, user));
}

async function accept(db: Database, token: string | null | undefined, user: SessionUser) {
  const row = await findByToken(db, token);
  if (!row) refuse(400, INVITATION_MESSAGES.unknown);
  const status = invitationStatus(row);
  if (status !== "pending") {
    // Already accepted is a conflict with the current state; expired or revoked is a link that no longer works.
    refuse(status === "accepted" ? 409 : 400, INVITATION_MESSAGES[status === "accepted" ? "used" : status]);
  }
  const what = await describeTarget(db, row);
  await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: now(), acceptedBy: user.id })
      .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now())))
      .returning({ id: invitations.id });
    if (!claimed) refuse(409, INVITATION_MESSAGES.used);
    if (row.kind === "role" && row.role) {
      await tx.insert(userRoles).values({ userId: user.id, role: row.role, grantedBy: row.invitedBy, grantedAt: now() }).onConflictDoNothing();
    } else if (row.organisationId && row.orgRole) {
      await tx
        .insert(organisationMembers)
        .values({ organisationId: row.organisationId, userId: user.id, role: row.orgRole, joinedAt: now() })
        // An owner invitation promotes an existing member; a member invitation never demotes an owner.
        .onConflictDoUpdate({
          target: [organisationMembers.organisationId, organisationMembers.userId],
          set: { role: sql`case when ${organisationMembers.role} = 'owner' then 'owner' else excluded.role end` },
        });
    }
    // The link reached this address, which proves it: the invitee need not verify it again.
    if (!user.emailVerified && user.email.toLowerCase() === row.email.toLowerCase()) {
      await tx.update(users).set({ emailVerifiedAt: now() }).where(and(eq(users.id, user.id), isNull(users.emailVerifiedAt)));
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "invitation.accepted",
      entityType: "invitation",
      entityId: row.id,
      data: { email: row.email, kind: row.kind, role: row.role, organisationId: row.organisationId, orgRole: row.orgRole },
    });
  });
  return { what, kind: row.kind };
}
