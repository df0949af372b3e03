/** Read what the services put in the outbox, the way a person reads their inbox: the newest email to an address. */
import { desc, eq } from "drizzle-orm";
import { db } from "~/services/db.server";
import { emailOutbox } from "../../db/schema";

export async function emailsTo(to: string) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.to, to)).orderBy(desc(emailOutbox.createdAt));
}

export async function lastEmailTo(to: string) {
  const [mail] = await emailsTo(to);
  if (!mail) throw new Error(`No email to ${to} in the outbox`);
  return mail;
}

/** The token in the link an email carries (`?token=…` or `/invitations/<token>`). */
export function tokenInLink(link: unknown): string {
  if (typeof link !== "string") throw new Error("The email has no link");
  const url = new URL(link);
  return url.searchParams.get("token") ?? url.pathname.split("/").pop() ?? "";
}

/** The session token a response sets, or null when it clears or sets none. */
export function sessionTokenSetBy(response: unknown): string | null {
  if (!(response instanceof Response)) return null;
  const header = response.headers.get("Set-Cookie") ?? "";
  const match = /(?:^|,\s*)session=([^;]*)/.exec(header);
  return match && match[1] ? match[1] : null;
}
