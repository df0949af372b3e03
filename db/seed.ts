import { sql } from "drizzle-orm";
import type { Database } from "./client.server";
import { users } from "./schema";

/** Seed the demo data when the database holds no users. Returns whether it seeded. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if (row.n > 0) return false;
  return false;
}
