import { and, eq, inArray, lte, or, sql } from "drizzle-orm";
import { Resend } from "resend";
import { emailOutbox, mailboxMessages } from "../../db/schema";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { renderEmail } from "./emails.server";

export type OutgoingEmail = { to: string; subject: string; html: string; text: string; idempotencyKey: string; outboxId: string };
export type Transport = { name: string; send(email: OutgoingEmail): Promise<{ id: string }> };

const MAX_ATTEMPTS = 8;

/** Delay before attempt n+1: 5 s, 10 s, 20 s … capped at 30 min, with ±20 % jitter. */
function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

const SEND_TIMEOUT_MS = 15_000;
/** Emails a worker claims and sends at once: one hung call holds up only its own email. */
export const SEND_CONCURRENCY = 5;
/**
 * How long a claim lasts: every claimed email is sent at once and each call gives up after SEND_TIMEOUT_MS, so
 * a live worker is done well within it; a worker that crashed mid-send has its emails taken over this soon after.
 */
export const LEASE_MS = SEND_TIMEOUT_MS + 5_000;

/** Any transport's call, bounded: a hung send becomes an error (and a retry) instead of a stalled worker. */
function sendWithin(transport: Transport, email: OutgoingEmail, timeoutMs: number): Promise<{ id: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${transport.name}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([transport.send(email), timeout]).finally(() => clearTimeout(timer));
}

export function resendTransport(apiKey: string, from: string, baseUrl?: string, timeoutMs = SEND_TIMEOUT_MS): Transport {
  const client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  return {
    name: "resend",
    async send(email) {
      const { data, error } = await client.emails.send(
        { from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        // A hung request must not stall the worker: abort it, and the retry reuses the idempotency key.
        { idempotencyKey: email.idempotencyKey, signal: AbortSignal.timeout(timeoutMs) },
      );
      if (error || !data) throw new Error(error ? `${error.name}: ${error.message}` : "Resend returned no id");
      return { id: data.id };
    },
  };
}

/** Development mailbox: the message lands in a table shown at /dev/mailbox. */
export function mailboxTransport(db: Database): Transport {
  return {
    name: "mailbox",
    async send(email) {
      const [row] = await db
        .insert(mailboxMessages)
        .values({ outboxId: email.outboxId, to: email.to, subject: email.subject, html: email.html, text: email.text, createdAt: now() })
        .returning({ id: mailboxMessages.id });
      return { id: row.id };
    },
  };
}

/**
 * Claim up to `limit` due emails and send them. Claiming is one UPDATE over a `FOR UPDATE SKIP LOCKED`
 * subquery, so several workers never take the same row; a lease lets another worker retry a row whose
 * worker died mid-send, and the idempotency key makes that retry safe at Resend.
 */
export async function processOutbox(
  db: Database,
  transport: Transport,
  limit = SEND_CONCURRENCY,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<{ sent: number; failed: number }> {
  const at = now();
  const claimed = await db
    .update(emailOutbox)
    .set({ status: "sending", lockedUntil: new Date(at.getTime() + LEASE_MS), attempts: sql`${emailOutbox.attempts} + 1` })
    .where(
      inArray(
        emailOutbox.id,
        db
          .select({ id: emailOutbox.id })
          .from(emailOutbox)
          .where(
            or(
              and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, at)),
              and(eq(emailOutbox.status, "sending"), lte(emailOutbox.lockedUntil, at)),
            ),
          )
          .orderBy(emailOutbox.nextAttemptAt)
          .limit(limit)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning();

  let sent = 0;
  let failed = 0;
  // All claimed emails at once (at most `limit`), each bounded in time, so the lease above always covers them.
  await Promise.all(
    claimed.map(async (row) => {
      try {
        const rendered = await renderEmail(row.template, row.props);
        const result = await sendWithin(transport, { ...rendered, subject: row.subject, to: row.to, idempotencyKey: row.idempotencyKey, outboxId: row.id }, timeoutMs);
        await db
          .update(emailOutbox)
          .set({ status: "sent", sentAt: now(), providerMessageId: result.id, lockedUntil: null, lastError: null })
          .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, "sending")));
        sent += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const giveUp = row.attempts >= MAX_ATTEMPTS;
        await db
          .update(emailOutbox)
          .set({
            status: giveUp ? "failed" : "pending",
            lastError: message.slice(0, 1000),
            lockedUntil: null,
            nextAttemptAt: new Date(now().getTime() + backoffMs(row.attempts)),
          })
          .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, "sending")));
        failed += 1;
      }
    }),
  );
  return { sent, failed };
}

/** Staff action: put a failed email back in the queue. */
export async function retryEmail(db: Database, id: string): Promise<boolean> {
  const rows = await db
    .update(emailOutbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now(), lastError: null })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "failed")))
    .returning({ id: emailOutbox.id });
  return rows.length > 0;
}

/** Poll the outbox until stopped. Returns a stop function that resolves when the loop has finished. */
export function startOutboxWorker(db: Database, transport: Transport, intervalMs = 1000): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        const { sent, failed } = await processOutbox(db, transport);
        if (sent + failed > 0) continue;
      } catch (error) {
        console.warn("[outbox] poll failed, will retry:", error instanceof Error ? error.message : error);
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs).unref();
      });
    }
  })();
  return async () => {
    stopped = true;
    wake?.();
    await loop;
  };
}

/** Resend when a key is configured, otherwise the local development mailbox. */
export function configuredTransport(db: Database, c: { RESEND_API_KEY?: string; RESEND_BASE_URL?: string; MAIL_FROM: string }): Transport {
  return c.RESEND_API_KEY ? resendTransport(c.RESEND_API_KEY, c.MAIL_FROM, c.RESEND_BASE_URL) : mailboxTransport(db);
}
