import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import { listMailbox } from "~/services/mailbox.server";
import { emailOutbox, mailboxMessages } from "../../db/schema";

test("the mailbox lists emails newest first in the order the portal wrote them, whatever order they were delivered in", async () => {
  const written = [1, 2, 3].map((n) => new Date(`2026-06-01T09:00:0${n}Z`));
  const outbox = await db
    .insert(emailOutbox)
    .values(written.map((at, i) => ({ template: "verify-email", to: "a@example.org", subject: `Link ${i + 1}`, props: {}, idempotencyKey: `mailbox-order-${i}`, status: "sent" as const, createdAt: at })))
    .returning();
  // The worker delivered the newest first, then the oldest, then the middle one.
  const delivered = [outbox[2], outbox[0], outbox[1]];
  for (const [i, row] of delivered.entries()) {
    await db.insert(mailboxMessages).values({ outboxId: row.id, to: row.to, subject: row.subject, html: "<p>x</p>", text: "x", createdAt: new Date(`2026-06-01T09:00:1${i}Z`) });
  }
  expect((await listMailbox(db)).map((m) => m.subject)).toEqual(["Link 3", "Link 2", "Link 1"]);
});
