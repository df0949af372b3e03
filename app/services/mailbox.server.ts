import { desc, eq, sql } from "drizzle-orm";
import { emailOutbox, mailboxMessages } from "../../db/schema";
import type { Database } from "./db.server";
import { isUuid } from "~/domain/forms";

/**
 * The local development mailbox, newest first: in the order the portal wrote the emails, not the order the
 * worker happened to deliver them (it sends a batch at once). Routes check `config().mailboxEnabled` first.
 */
export async function listMailbox(db: Database, limit = 200) {
  const written = sql`coalesce(${emailOutbox.createdAt}, ${mailboxMessages.createdAt})`;
  return db
    .select({ id: mailboxMessages.id, to: mailboxMessages.to, subject: mailboxMessages.subject, createdAt: mailboxMessages.createdAt })
    .from(mailboxMessages)
    .leftJoin(emailOutbox, eq(emailOutbox.id, mailboxMessages.outboxId))
    .orderBy(desc(written), desc(emailOutbox.id), desc(mailboxMessages.id))
    .limit(limit);
}

export async function getMailboxMessage(db: Database, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(mailboxMessages).where(eq(mailboxMessages.id, id));
  return row ?? null;
}
