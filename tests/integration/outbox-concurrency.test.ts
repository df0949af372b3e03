/** Issue 12, finding 8: one hung send no longer holds all mail, and a crashed worker's claims come back promptly. */
import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import { setClock } from "~/services/clock.server";
import { enqueueEmail } from "~/services/emails.server";
import { LEASE_MS, processOutbox, SEND_CONCURRENCY, type Transport } from "~/services/mailer.server";
import { emailOutbox } from "../../db/schema";

const enqueue = (to: string) =>
  db.transaction((tx) => enqueueEmail(tx, { template: "verify-email", to, props: { name: "Ada", verifyUrl: "http://localhost/verify-email?token=x" } }));

/** A transport whose call for `hangFor` never answers, like a provider that accepted the socket and went silent. */
function transport(hangFor: string | null, delivered: string[]): Transport {
  return {
    name: "test",
    send: (email) => (email.to === hangFor ? new Promise(() => {}) : Promise.resolve().then(() => (delivered.push(email.to), { id: `msg-${email.to}` }))),
  };
}

test("one hung call holds only its own email: the others of the batch are delivered, and the hung one is retried", async () => {
  const recipients = Array.from({ length: SEND_CONCURRENCY }, (_, i) => `person${i}@example.org`);
  for (const to of recipients) await enqueue(to);
  const delivered: string[] = [];
  // Before, the worker awaited each call in turn with no bound of its own: this never returned.
  expect(await processOutbox(db, transport("person0@example.org", delivered), SEND_CONCURRENCY, 300)).toEqual({ sent: SEND_CONCURRENCY - 1, failed: 1 });
  expect(delivered.sort()).toEqual(recipients.slice(1).sort());
  const [hung] = await db.select().from(emailOutbox).where(eq(emailOutbox.to, "person0@example.org"));
  expect(hung.status).toBe("pending");
  expect(hung.lastError).toMatch(/no answer within 300 ms/);
});

test("emails claimed by a worker that died mid-send are taken over once the short lease ends", async () => {
  expect(LEASE_MS).toBeLessThanOrEqual(20_000);
  let at = Date.now();
  setClock(() => new Date(at));
  await enqueue("orphan@example.org");
  // A worker claims it and never finishes (its process died while the call was in flight).
  void processOutbox(db, transport("orphan@example.org", []), SEND_CONCURRENCY, 10 * 60_000);
  await expect.poll(async () => (await db.select().from(emailOutbox))[0].status).toBe("sending");

  const delivered: string[] = [];
  expect(await processOutbox(db, transport(null, delivered))).toEqual({ sent: 0, failed: 0 });
  at += LEASE_MS + 1_000;
  expect(await processOutbox(db, transport(null, delivered))).toEqual({ sent: 1, failed: 0 });
  expect(delivered).toEqual(["orphan@example.org"]);
});
