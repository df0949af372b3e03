import { desc, eq } from "drizzle-orm";
import { mailboxMessages } from "../../db/schema";
import type { Database } from "./db.server";

/** The local development mailbox, newest first. Routes check `config().mailboxEnabled` before calling. */
export async function listMailbox(db: Database, limit = 200) {
  return db
    .select({ id: mailboxMessages.id, to: mailboxMessages.to, subject: mailboxMessages.subject, createdAt: mailboxMessages.createdAt })
    .from(mailboxMessages)
    .orderBy(desc(mailboxMessages.createdAt), desc(mailboxMessages.id))
    .limit(limit);
}

export async function getMailboxMessage(db: Database, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(mailboxMessages).where(eq(mailboxMessages.id, id));
  return row ?? null;
}
