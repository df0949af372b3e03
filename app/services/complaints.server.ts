/**
 * Complaints, the public side: filing (no account; honeypot, signed form timestamp, rate limits per
 * address and per email counted in the database under one lock), confirming by the private link, and the
 * complainant's view of their own complaint. Every transition goes through `applyComplaintMove`: the state
 * table, compare-and-set, a timeline event, an audit event and the emails, in one transaction.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq, gte, isNull, sql } from "drizzle-orm";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { accreditations, appeals, complaintEvents, complaints, conflicts, organisationMembers, organisations, signingKeys, userRoles, users } from "../../db/schema";
import {
  COMPLAINANT_MESSAGES,
  COMPLAINT_DEADLINES,
  COMPLAINT_LIMITS,
  COMPLAINT_STATUS_LABELS,
  complaintMove,
  OUTCOME_OF,
  visibleEvents,
  type ComplaintAction,
  type ComplaintFormInput,
  type ComplaintRole,
} from "~/domain/complaints";
import { checkFormStart, signFormStart } from "~/domain/form-token";
import { attempt, refuse, refused, type Outcome } from "~/domain/outcome";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { setIfStatusUnchanged } from "./transition.server";
import { recordAudit } from "./audit.server";
import { addDays, now } from "./clock.server";
import { enqueueEmail } from "./emails.server";

export type ComplaintRow = typeof complaints.$inferSelect;

const encoder = new TextEncoder();
export const hashToken = (token: string) => encodeHexLowerCase(sha256(encoder.encode(token)));

// ---- the form's signed timestamp -------------------------------------------------------------------------

let cachedKey: Uint8Array | null = null;

/** The server's own key for the form stamp: made once, kept in the database so every instance shares it. */
async function formKey(db: Database): Promise<Uint8Array> {
  if (cachedKey) return cachedKey;
  await db.insert(signingKeys).values({ name: "complaint-form", key: new Uint8Array(randomBytes(32)) }).onConflictDoNothing();
  const [row] = await db.select({ key: signingKeys.key }).from(signingKeys).where(eq(signingKeys.name, "complaint-form"));
  cachedKey = new Uint8Array(row.key);
  return cachedKey;
}

export async function complaintFormToken(db: Database): Promise<string> {
  return signFormStart(await formKey(db), now().getTime());
}

// ---- filing ----------------------------------------------------------------------------------------------

/** Organisations a complaint can be about: those that hold or held an accreditation. */
export async function complaintTarget(db: Database, slug: string) {
  const [org] = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.displayName })
    .from(organisations)
    .where(and(eq(organisations.slug, slug.trim().toLowerCase()), sql`exists (select 1 from ${accreditations} a where a.organisation_id = ${organisations.id})`));
  return org ?? null;
}

// Any constant: filings queue on it, so two posts never both pass the rate-limit count.
const FILING_LOCK = 884_215;

/**
 * File a complaint. A robot's post (honeypot filled) is answered like a person's but nothing is kept; a
 * post sent too soon after the form was shown, or with a forged stamp, is refused. Nothing reaches staff
 * until the sender confirms by the emailed link.
 */
export async function fileComplaint(db: Database, input: ComplaintFormInput, meta: { address: string }): Promise<Outcome<{ kept: boolean }>> {
  if (input.website.trim() !== "") return { ok: true, value: { kept: false } };
  const stamp = checkFormStart(await formKey(db), input.formToken, now().getTime(), { minSeconds: COMPLAINT_LIMITS.minFillSeconds, maxHours: COMPLAINT_LIMITS.maxFormAgeHours });
  if (stamp === "too_fast") return refused(400, "That was sent very quickly. Check what you wrote, then send it again.");
  if (stamp === "expired") return refused(400, "This form was open for a long time and has expired. Send it again; what you wrote is kept.");
  if (stamp !== "ok") return refused(400, "The form was damaged on its way. Send it again; what you wrote is kept.");
  const target = await complaintTarget(db, input.provider);
  if (!target) return refused(400, "Choose an accredited provider.", { provider: "Choose an accredited provider" });
  const [accreditation] = await db
    .select({ id: accreditations.id })
    .from(accreditations)
    .where(eq(accreditations.organisationId, target.id))
    .orderBy(sql`${accreditations.validUntil} desc`)
    .limit(1);

  const from = hashToken(`address:${meta.address}`);
  return attempt(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${FILING_LOCK})`);
      const at = now();
      const [[byAddress], [byEmail]] = await Promise.all([
        tx.select({ n: sql<number>`count(*)::int` }).from(complaints).where(and(eq(complaints.submittedFrom, from), gte(complaints.createdAt, addDays(at, -1 / 24)))),
        tx.select({ n: sql<number>`count(*)::int` }).from(complaints).where(and(eq(complaints.complainantEmail, input.email), gte(complaints.createdAt, addDays(at, -1)))),
      ]);
      if (Number(byAddress.n) >= COMPLAINT_LIMITS.perAddressPerHour || Number(byEmail.n) >= COMPLAINT_LIMITS.perEmailPerDay) {
        throw new LimitReached();
      }
      const token = encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(20)));
      const [created] = await tx
        .insert(complaints)
        .values({
          organisationId: target.id,
          accreditationId: accreditation?.id ?? null,
          complainantName: input.name,
          complainantEmail: input.email,
          consentToShare: input.consent,
          details: input.details,
          tokenHash: hashToken(token),
          submittedFrom: from,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: complaints.id });
      await tx.insert(complaintEvents).values({ complaintId: created.id, action: "filed", toStatus: "unconfirmed", createdAt: at });
      await recordAudit(tx, { actorId: null, action: "complaint.filed", entityType: "complaint", entityId: created.id, data: { organisationId: target.id, consentToShare: input.consent } });
      await enqueueEmail(tx, {
        template: "complaint-confirm",
        to: input.email,
        props: { name: input.name, organisationName: target.name, statusUrl: `${config().appUrl}/complaints/${token}`, confirmWithinHours: COMPLAINT_LIMITS.confirmWithinHours },
        idempotencyKey: `complaint-confirm:${created.id}`,
      });
      return { kept: true };
    }),
  ).catch((error: unknown) => {
    if (error instanceof LimitReached) return refused(429, "Too many complaints have been sent from here recently. Try again in an hour.", undefined, 3600);
    throw error;
  });
}

class LimitReached extends Error {}

// ---- one transition ------------------------------------------------------------------------------------

/**
 * Tell every member of staff who may handle the complaint what happened to it (the complaint-staff-notice email),
 * once per `key` each; answers how many emails were queued now.
 */
export async function tellComplaintHandlers(tx: Database, row: { id: string; organisationId: string }, notice: { headline: string; detail: (organisationName: string) => string; key: string }) {
  const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, row.organisationId));
  let queued = 0;
  for (const s of await complaintHandlers(tx, row.organisationId)) {
    const sent = await enqueueEmail(tx, {
      template: "complaint-staff-notice",
      to: s.email,
      props: { name: s.name, organisationName: org.name, headline: notice.headline, detail: notice.detail(org.name), complaintUrl: `${config().appUrl}/admin/complaints/${row.id}` },
      idempotencyKey: `${notice.key}:${s.id}`,
    });
    if (sent) queued += 1;
  }
  return queued;
}

/** Staff who may handle complaints about the organisation: no membership of it and no declared conflict. */
export async function complaintHandlers(tx: Database, organisationId: string) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.role, "staff"),
        isNull(users.disabledAt),
        sql`not exists (select 1 from ${organisationMembers} om where om.user_id = ${users.id} and om.organisation_id = ${organisationId})`,
        sql`not exists (select 1 from ${conflicts} c where c.user_id = ${users.id} and c.organisation_id = ${organisationId})`,
      ),
    )
    .orderBy(asc(users.email));
}

/**
 * Move a complaint: ask the table, compare-and-set on the status, write the timeline and audit events,
 * and email the complainant. Call inside the caller's transaction; refuses (rolls back) on a lost race.
 */
export async function applyComplaintMove(
  tx: Database,
  complaint: ComplaintRow,
  move: { action: ComplaintAction; role: ComplaintRole; actorId: string | null; note?: string; set?: Partial<typeof complaints.$inferInsert> },
): Promise<ComplaintRow> {
  const allowed = complaintMove(complaint.status, move.action, move.role);
  if (!allowed.ok) refuse(409, allowed.message);
  const at = now();
  const outcome = OUTCOME_OF[move.action];
  const updated = await setIfStatusUnchanged(tx, complaints, complaint, { status: allowed.to, updatedAt: at, ...(outcome ? { outcome } : {}), ...(allowed.to === "closed" || allowed.to === "not_in_scope" ? { closedAt: at } : {}), ...move.set });
  const note = move.note ?? "";
  await tx.insert(complaintEvents).values({ complaintId: complaint.id, action: move.action, fromStatus: complaint.status, toStatus: allowed.to, note, actorId: move.actorId, createdAt: at });
  await recordAudit(tx, { actorId: move.actorId, action: `complaint.${move.action}`, entityType: "complaint", entityId: complaint.id, data: { from: complaint.status, to: allowed.to, outcome: outcome ?? null } });
  const message = COMPLAINANT_MESSAGES[move.action];
  if (message) {
    const [org] = await tx.select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, complaint.organisationId));
    const visibleNote = visibleEvents([{ action: move.action, note }], "complainant")[0]?.note ?? "";
    await enqueueEmail(tx, {
      template: "complaint-update",
      to: complaint.complainantEmail,
      props: { name: complaint.complainantName, organisationName: org.name, status: COMPLAINT_STATUS_LABELS[allowed.to], message, note: visibleNote },
      idempotencyKey: `complaint-update:${complaint.id}:${move.action}:${at.getTime()}`,
    });
  }
  return updated;
}

// ---- the complainant's private link ------------------------------------------------------------------

async function byToken(db: Database, token: string): Promise<ComplaintRow | null> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const [row] = await db.select().from(complaints).where(eq(complaints.tokenHash, hashToken(token)));
  if (!row) return null;
  // An unconfirmed complaint's link lapses: the email may have gone to someone who never sent it.
  if (row.status === "unconfirmed" && now().getTime() - row.createdAt.getTime() > COMPLAINT_LIMITS.confirmWithinHours * 3_600_000) return null;
  return row;
}

/** The complainant's view: their own complaint and its timeline as they may read it. Null → 404. */
export async function complaintForComplainant(db: Database, token: string) {
  const row = await byToken(db, token);
  if (!row) return null;
  const [[org], events] = await Promise.all([
    db.select({ name: organisations.displayName, slug: organisations.slug }).from(organisations).where(eq(organisations.id, row.organisationId)),
    db.select({ action: complaintEvents.action, note: complaintEvents.note, createdAt: complaintEvents.createdAt }).from(complaintEvents).where(eq(complaintEvents.complaintId, row.id)).orderBy(asc(complaintEvents.createdAt)),
  ]);
  return {
    organisationName: org.name,
    organisationSlug: org.slug,
    name: row.complainantName,
    email: row.complainantEmail,
    consentToShare: row.consentToShare,
    details: row.details,
    status: row.status,
    outcome: row.outcome,
    createdAt: row.createdAt,
    events: visibleEvents(events, "complainant"),
  };
}

/** Confirm by the private link: only now does the complaint reach staff, with a triage deadline. */
export async function confirmComplaint(db: Database, token: string): Promise<Outcome<{ confirmed: boolean }>> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const row = await byToken(tx, token);
      if (!row) refuse(404, "No such complaint.");
      if (row.status !== "unconfirmed") return { confirmed: false };
      const at = now();
      const triageDueAt = addDays(at, COMPLAINT_DEADLINES.triageDays);
      await applyComplaintMove(tx, row, { action: "confirm", role: "complainant", actorId: null, set: { confirmedAt: at, triageDueAt } });
      await tellComplaintHandlers(tx, row, {
        headline: "New complaint to triage",
        detail: (name) => `A complaint about ${name} was confirmed by its sender. Accept it for investigation or mark it not in scope within ${COMPLAINT_DEADLINES.triageDays} days.`,
        key: `complaint-new:${row.id}`,
      });
      return { confirmed: true };
    }),
  );
}

// ---- figures for the transparency page ----------------------------------------------------------------

export type SafeguardCounts = {
  complaints: { confirmed: number; open: number; notInScope: number; unfounded: number; upheld: number; upheldSuspension: number };
  appeals: { lodged: number; open: number; upheld: number; overturned: number; withdrawn: number };
};

/** Complaints (confirmed ones only) and appeals counted by outcome, for the public transparency figures. */
export async function complaintAndAppealCounts(db: Database): Promise<SafeguardCounts> {
  const [c] = await db
    .select({
      confirmed: sql<number>`count(*) filter (where ${complaints.status} <> 'unconfirmed')::int`,
      open: sql<number>`count(*) filter (where ${complaints.status} in ('received', 'investigating', 'awaiting_provider', 'suspension_proposed'))::int`,
      notInScope: sql<number>`count(*) filter (where ${complaints.status} = 'not_in_scope')::int`,
      unfounded: sql<number>`count(*) filter (where ${complaints.outcome} = 'unfounded')::int`,
      upheld: sql<number>`count(*) filter (where ${complaints.outcome} = 'upheld')::int`,
      upheldSuspension: sql<number>`count(*) filter (where ${complaints.outcome} = 'upheld_suspension')::int`,
    })
    .from(complaints);
  const [a] = await db
    .select({
      lodged: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${appeals.status} in ('lodged', 'hearing'))::int`,
      upheld: sql<number>`count(*) filter (where ${appeals.status} = 'upheld')::int`,
      overturned: sql<number>`count(*) filter (where ${appeals.status} = 'overturned')::int`,
      withdrawn: sql<number>`count(*) filter (where ${appeals.status} = 'withdrawn')::int`,
    })
    .from(appeals);
  const num = <T extends Record<string, number>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v)])) as T;
  return { complaints: num(c), appeals: num(a) };
}
