import { expect, test } from "vitest";
import { db } from "~/services/db.server";
import { listMailbox } from "~/services/mailbox.server";
import { requestPasswordReset } from "~/services/accounts.server";
import { mailboxTransport, processOutbox } from "~/services/mailer.server";
import { loader as mailboxLoader } from "~/routes/dev.mailbox";
import { loader as messageLoader } from "~/routes/dev.mailbox.$id";
import { emailOutbox, mailboxMessages } from "../../db/schema";
import { createUser, sessionUserFor, signedIn } from "../support/factories";
import { callLoader, getRequest, payloadOf, statusOf } from "../support/requests";

test("the mailbox lists emails newest first in the order the portal wrote them, whatever order they were delivered in", async () => {
  const staff = await sessionUserFor((await createUser({ roles: ["staff"] })).id);
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
  expect((await listMailbox(db, staff)).map((m) => m.subject)).toEqual(["Link 3", "Link 2", "Link 1"]);
});

type Listed = { messages: { id: string; to: string; subject: string }[] };

test("the takeover recipe gets no email content: a reset requested for staff cannot be read by a visitor or another account", async () => {
  const victim = await createUser({ email: "staff-victim@example.org", roles: ["staff"] });
  await requestPasswordReset(db, victim.email);
  expect(await processOutbox(db, mailboxTransport(db))).toEqual({ sent: 1, failed: 0 });
  const [reset] = await db.select().from(mailboxMessages);
  expect(reset.text).toContain("/reset-password?token=");

  // A visitor is sent to log in, for the list and for the message itself.
  for (const url of ["/dev/mailbox", `/dev/mailbox/${reset.id}`]) {
    const answer = await callLoader(url === "/dev/mailbox" ? mailboxLoader : messageLoader, getRequest(url), { id: reset.id });
    expect(statusOf(answer)).toBe(302);
    expect(answer instanceof Response && answer.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  }

  // Another signed-in person (not staff) sees neither the message in the list nor the message itself.
  const stranger = await signedIn({ email: "stranger@example.org" });
  const list = payloadOf<Listed>(await callLoader(mailboxLoader, getRequest("/dev/mailbox", stranger.cookie)));
  expect(list.messages).toEqual([]);
  expect(statusOf(await callLoader(messageLoader, getRequest(`/dev/mailbox/${reset.id}`, stranger.cookie), { id: reset.id }))).toBe(404);
});

test("a signed-in person reads the mail sent to their own address (in any letter case); staff read everyone's", async () => {
  const person = await signedIn({ email: "newcomer@example.org" });
  const staff = await signedIn({ email: "programme@example.org", roles: ["staff"] });
  const [mine, theirs] = await db
    .insert(mailboxMessages)
    .values([
      { to: "Newcomer@Example.org", subject: "Confirm your email address", html: "<p>x</p>", text: "x" },
      { to: "someone-else@example.org", subject: "Reset your password", html: "<p>y</p>", text: "y" },
    ])
    .returning();

  const own = payloadOf<Listed>(await callLoader(mailboxLoader, getRequest("/dev/mailbox", person.cookie)));
  expect(own.messages.map((m) => m.subject)).toEqual(["Confirm your email address"]);
  expect(statusOf(await callLoader(messageLoader, getRequest(`/dev/mailbox/${mine.id}`, person.cookie), { id: mine.id }))).toBe(200);
  expect(statusOf(await callLoader(messageLoader, getRequest(`/dev/mailbox/${theirs.id}`, person.cookie), { id: theirs.id }))).toBe(404);

  const all = payloadOf<Listed>(await callLoader(mailboxLoader, getRequest("/dev/mailbox", staff.cookie)));
  expect(all.messages.map((m) => m.subject).sort()).toEqual(["Confirm your email address", "Reset your password"]);
  expect(statusOf(await callLoader(messageLoader, getRequest(`/dev/mailbox/${theirs.id}`, staff.cookie), { id: theirs.id }))).toBe(200);
});
