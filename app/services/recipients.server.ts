import { and, eq, isNull } from "drizzle-orm";
import { userRoles, users } from "../../db/schema";
import type { Database } from "./db.server";

/** Every enabled member of staff: who is told that a provider filed something for the programme team. */
export async function staffRecipients(tx: Database) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "staff")))
    .where(isNull(users.disabledAt));
}
