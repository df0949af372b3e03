import { afterEach, beforeEach, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { enqueueEmail } from "~/services/emails.server";
import { processOutbox, resendTransport, mailboxTransport } from "~/services/mailer.server";
import { setClock } from "~/services/clock.server";
import { emailOutbox, mailboxMessages } from "../../db/schema";
import { FakeResend } from "../support/fake-resend";

let resend: FakeResend;
beforeEach(async () => {
  resend = new FakeResend();
  await resend.start();
});
afterEach(async () => {
  await resend.stop();
});

const enqueueVerify = (to: string, key?: string) =>
  db.transaction((tx) =>
    enqueueEmail(tx, { template: "verify-email", to, props: { name: "Ada", verifyUrl: "http://localhost/verify-email?token=x" }, idempotencyKey: key }),
  );

test("an email that fails at Resend with a 500 is retried after back-off and delivered exactly once", async () => {
  const transport = resendTransport(resend.key, "Portal <portal@example.org>", resend.url);
  await enqueueVerify("ada@example.org");
  resend.failNext(1);

  const first = await processOutbox(db, transport);
  expect(first).toEqual({ sent: 0, failed: 1 });
  const [afterFailure] = await db.select().from(emailOutbox);
  expect(afterFailure.status).toBe("pending");
  expect(afterFailure.lastError).toMatch(/internal_server_error|Something went wrong/);

  // Not due yet: nothing is sent before the back-off has passed.
  expect(await processOutbox(db, transport)).toEqual({ sent: 0, failed: 0 });

  setClock(() => new Date(Date.now() + 60_000));
  expect(await processOutbox(db, transport)).toEqual({ sent: 1, failed: 0 });
  expect(await processOutbox(db, transport)).toEqual({ sent: 0, failed: 0 });

  expect(resend.delivered).toHaveLength(1);
  expect(resend.delivered[0].subject).toBe("Confirm your email address");
  expect(resend.delivered[0].text).toContain("http://localhost/verify-email?token=x");
  expect(resend.delivered[0].html).toContain("<html");
  const [sent] = await db.select().from(emailOutbox);
  expect(sent.status).toBe("sent");
  expect(sent.attempts).toBe(2);
  expect(sent.providerMessageId).toBe(resend.delivered[0].id);
});

test("several workers draining the same outbox never send an email twice", async () => {
  const transport = resendTransport(resend.key, "Portal <portal@example.org>", resend.url);
  for (let i = 0; i < 30; i++) await enqueueVerify(`user${i}@example.org`);
  const workers = Array.from({ length: 4 }, async () => {
    let total = 0;
    for (;;) {
      const { sent } = await processOutbox(db, transport, 3);
      if (sent === 0) return total;
      total += sent;
    }
  });
  const totals = await Promise.all(workers);
  expect(totals.reduce((a, b) => a + b, 0)).toBe(30);
  expect(resend.delivered).toHaveLength(30);
  expect(new Set(resend.delivered.map((e) => e.to[0])).size).toBe(30);
});

test("an idempotency key enqueues an email at most once", async () => {
  expect(await enqueueVerify("ada@example.org", "reminder:1")).toBe(true);
  expect(await enqueueVerify("ada@example.org", "reminder:1")).toBe(false);
  expect(await db.select().from(emailOutbox)).toHaveLength(1);
});

test("a worker that died mid-send leaves its lease to expire; the retry reuses the idempotency key so Resend delivers once", async () => {
  const transport = resendTransport(resend.key, "Portal <portal@example.org>", resend.url);
  await enqueueVerify("ada@example.org");
  // Simulate a worker that sent the email, then crashed before marking it sent.
  const [row] = await db.select().from(emailOutbox);
  await transport.send({ to: row.to, subject: row.subject, html: "<p>x</p>", text: "x", idempotencyKey: row.idempotencyKey, outboxId: row.id });
  await db.update(emailOutbox).set({ status: "sending", lockedUntil: new Date(Date.now() - 1000), attempts: 1 }).where(eq(emailOutbox.id, row.id));

  expect(await processOutbox(db, transport)).toEqual({ sent: 1, failed: 0 });
  expect(resend.delivered).toHaveLength(1);
});

test("without Resend, mail lands in the local mailbox", async () => {
  await enqueueVerify("ada@example.org");
  expect(await processOutbox(db, mailboxTransport(db))).toEqual({ sent: 1, failed: 0 });
  const [message] = await db.select().from(mailboxMessages);
  expect(message.to).toBe("ada@example.org");
  expect(message.text).toContain("verify-email?token=x");
});

test("Resend failing with 500s and time-outs for a while: every email is still sent exactly once", async () => {
  const transport = resendTransport(resend.key, "Portal <portal@example.org>", resend.url, 300);
  for (let i = 0; i < 5; i++) await enqueueVerify(`user${i}@example.org`);
  resend.hangNext(2);
  resend.failNext(3);
  let clock = Date.now();
  for (let round = 0; round < 12; round++) {
    await processOutbox(db, transport);
    clock += 10 * 60_000; // past any back-off
    const at = clock;
    setClock(() => new Date(at));
  }
  expect(resend.delivered).toHaveLength(5);
  expect(new Set(resend.delivered.map((e) => e.to[0])).size).toBe(5);
  const rows = await db.select().from(emailOutbox);
  expect(rows.every((r) => r.status === "sent")).toBe(true);
});
