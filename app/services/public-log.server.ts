/**
 * The public accreditation log (decision 020): every public event about an accreditation, appended in
 * the transaction that caused it, each entry hashing its predecessor; checkpoints sign the head with the
 * issuer key. No personal data: certificate numbers, organisations (companies), dates and counts only;
 * staff's free-text reasons stay in the private audit log. scripts/verify-log.mjs checks a copy.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { accreditations, organisations, publicLogCheckpoints, publicLogEntries } from "../../db/schema";
import { canonicalJson, GENESIS_HASH } from "../../db/audit-chain";
import { isoDate } from "~/domain/accreditation";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { issuerKey } from "./issuer-key.server";
import { registerIssuerKey } from "./issuer-keys.server";

export const PUBLIC_LOG_EVENTS = ["granted", "renewed", "scope_changed", "remapped", "suspended", "reinstated", "revoked", "expired"] as const;
export type PublicLogEvent = (typeof PUBLIC_LOG_EVENTS)[number];

// Serialises appenders so two transactions never share a predecessor (like the audit chain's lock).
const PUBLIC_LOG_LOCK_KEY = 884_212;

export type PublicLogEntry = { seq: number; occurredAt: string; event: string; certificateNumber: string; data: Record<string, unknown>; prevHash: string; hash: string };

/** hash = SHA-256 hex of prevHash, a newline, and the canonical JSON of the entry (sorted keys). */
function hashLogEntry(prevHash: string, e: Pick<PublicLogEntry, "seq" | "occurredAt" | "event" | "certificateNumber" | "data">): string {
  const body = canonicalJson({ seq: e.seq, occurredAt: e.occurredAt, event: e.event, certificateNumber: e.certificateNumber, data: e.data });
  return createHash("sha256").update(`${prevHash}\n${body}`).digest("hex");
}

export async function appendPublicLog(tx: Database, input: { event: PublicLogEvent; certificateNumber: string; data: Record<string, unknown> }): Promise<PublicLogEntry> {
  await tx.execute(sql`select pg_advisory_xact_lock(${PUBLIC_LOG_LOCK_KEY})`);
  const [last] = await tx.select({ seq: publicLogEntries.seq, hash: publicLogEntries.hash }).from(publicLogEntries).orderBy(desc(publicLogEntries.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry = {
    seq: (last?.seq ?? 0) + 1,
    occurredAt: now().toISOString(),
    event: input.event,
    certificateNumber: input.certificateNumber,
    // Round-trip through JSON so the hashed data is exactly what jsonb hands back.
    data: JSON.parse(JSON.stringify(input.data)) as Record<string, unknown>,
  };
  const row = { ...entry, prevHash, hash: hashLogEntry(prevHash, entry) };
  await tx.insert(publicLogEntries).values(row);
  return row;
}

function publicLogUrl(): string {
  return `${config().appUrl}/transparency/log.json`;
}

export type Checkpoint = { log: string; size: number; headHash: string; signedAt: string; verificationMethod: string; signature: string };

/** The bytes a checkpoint signature covers. */
export function checkpointPayload(c: Pick<Checkpoint, "log" | "size" | "headHash" | "signedAt">): string {
  return canonicalJson({ log: c.log, size: c.size, headHash: c.headHash, signedAt: c.signedAt });
}

/** Sign the head if it moved since the last checkpoint (the scheduler calls this every run). */
export async function writeCheckpoint(db: Database): Promise<Checkpoint | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PUBLIC_LOG_LOCK_KEY})`);
    const [head] = await tx.select().from(publicLogEntries).orderBy(desc(publicLogEntries.seq)).limit(1);
    if (!head) return null;
    const [latest] = await tx.select({ size: publicLogCheckpoints.size }).from(publicLogCheckpoints).orderBy(desc(publicLogCheckpoints.size)).limit(1);
    if (latest && latest.size >= head.seq) return null;
    const key = await issuerKey();
    await registerIssuerKey(tx, key);
    const unsigned = { log: publicLogUrl(), size: head.seq, headHash: head.hash, signedAt: now().toISOString() };
    const signature = await key.keyPair.signer().sign({ data: new TextEncoder().encode(checkpointPayload(unsigned)) });
    const checkpoint = { ...unsigned, verificationMethod: key.keyId, signature: Buffer.from(signature).toString("base64url") };
    await tx.insert(publicLogCheckpoints).values({ size: checkpoint.size, headHash: checkpoint.headHash, signedAt: checkpoint.signedAt, verificationMethod: checkpoint.verificationMethod, signature: checkpoint.signature });
    return checkpoint;
  });
}

/**
 * `expired` follows from the date, so no transaction records it: the scheduler appends one entry per
 * accreditation that lapsed while in force, under the log's lock so concurrent runners add it once.
 */
export async function logExpiries(db: Database): Promise<number> {
  const today = isoDate(now());
  const lapsed = await db
    .select({ certificateNumber: accreditations.certificateNumber, validUntil: accreditations.validUntil, slug: organisations.slug })
    .from(accreditations)
    .innerJoin(organisations, eq(organisations.id, accreditations.organisationId))
    .where(and(inArray(accreditations.status, ["active", "suspended"]), lt(accreditations.validUntil, today)));
  let added = 0;
  for (const a of lapsed) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${PUBLIC_LOG_LOCK_KEY})`);
      const [seen] = await tx
        .select({ seq: publicLogEntries.seq })
        .from(publicLogEntries)
        .where(and(eq(publicLogEntries.certificateNumber, a.certificateNumber), eq(publicLogEntries.event, "expired")));
      if (seen) return;
      await appendPublicLog(tx, { event: "expired", certificateNumber: a.certificateNumber, data: { provider: a.slug, validUntil: a.validUntil } });
      added += 1;
    });
  }
  return added;
}

export async function publicLog(db: Database, after = 0, limit = 1000) {
  const entries = await db.select().from(publicLogEntries).where(gt(publicLogEntries.seq, after)).orderBy(asc(publicLogEntries.seq)).limit(limit);
  const checkpoints = await db.select().from(publicLogCheckpoints).orderBy(desc(publicLogCheckpoints.size)).limit(20);
  const [{ size }] = await db.select({ size: sql<number>`coalesce(max(${publicLogEntries.seq}), 0)::int` }).from(publicLogEntries);
  return {
    log: publicLogUrl(),
    size: Number(size),
    hashAlgorithm: "sha256(prevHash + '\\n' + canonicalJSON({seq, occurredAt, event, certificateNumber, data})), genesis prevHash = 64 zeros",
    entries,
    checkpoints: checkpoints.map((c) => ({ log: publicLogUrl(), ...c })),
  };
}
