import { and, asc, eq, isNull } from "drizzle-orm";
import { organisationMembers, userRoles, users } from "../../db/schema";
import type { Database } from "./db.server";
import { membersOf } from "./organisations.server";

/**
 * An organisation's enabled members, by email: lifecycle, decision and case emails go to each of them. `"owners"`
 * keeps only those who answer for its accreditation (re-mapping tasks, delta reviews).
 */
export async function organisationRecipients(tx: Database, organisationId: string, who: "members" | "owners" = "members") {
  return membersOf(tx, organisationId, { id: users.id, name: users.name, email: users.email }, {
    which: and(who === "owners" ? eq(organisationMembers.role, "owner") : undefined, isNull(users.disabledAt)),
    orderBy: [asc(users.email)],
  });
}

/** Every enabled member of staff: who is told that a provider filed something for the programme team. */
export async function staffRecipients(tx: Database) {
  return tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "staff")))
    .where(isNull(users.disabledAt));
}
