import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { can, type SessionUser } from "~/domain/policy";
import { emailOutbox, mailboxMessages } from "../../db/schema";
import type { Database } from "./db.server";
import { isUuid } from "~/domain/forms";

/**
 * Which mail a person may read in the development mailbox: staff all of it, anyone else only the mail
 * addressed to their own account's address. A reset link in somebody else's mail is their account.
 */
function visibleTo(viewer: SessionUser): SQL | undefined {
  if (can(viewer, "mailbox:readAll")) return undefined;
  return sql`lower(${mailboxMessages.to}) = ${viewer.email.trim().toLowerCase()}`;
}

/**
 * The local development mailbox, newest first: in the order the portal wrote the emails, not the order the
 * worker happened to deliver them (it sends a batch at once). Routes check `config().mailboxEnabled` first.
 */
export async function listMailbox(db: Database, viewer: SessionUser, limit = 200) {
  const written = sql`coalesce(${emailOutbox.createdAt}, ${mailboxMessages.createdAt})`;
  return db
    .select({ id: mailboxMessages.id, to: mailboxMessages.to, subject: mailboxMessages.subject, createdAt: mailboxMessages.createdAt })
    .from(mailboxMessages)
    .leftJoin(emailOutbox, eq(emailOutbox.id, mailboxMessages.outboxId))
    .where(visibleTo(viewer))
    .orderBy(desc(written), desc(emailOutbox.id), desc(mailboxMessages.id))
    .limit(limit);
}

/** One message, or null when it does not exist or is not the viewer's to read (the route answers 404 alike). */
export async function getMailboxMessage(db: Database, viewer: SessionUser, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(mailboxMessages)
    .where(and(eq(mailboxMessages.id, id), visibleTo(viewer)));
  return row ?? null;
}
