/**
 * Test data builders shared by integration tests. Each returns the rows it made; pass overrides for what
 * a test cares about. Area-specific builders live in their own files beside this one.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { hash } from "@node-rs/argon2";
import { db } from "~/services/db.server";
import { createSession, loadSessionUser } from "~/services/sessions.server";
import type { SessionUser, FoundationRole } from "~/domain/policy";
import {
  competencies,
  frameworks,
  organisationMembers,
  organisations,
  rubricCriteria,
  rubrics,
  userRoles,
  users,
} from "../../db/schema";

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: string | undefined;

export async function createUser(overrides: Partial<typeof users.$inferInsert> & { roles?: FoundationRole[]; verified?: boolean } = {}) {
  const { roles = [], verified = true, ...rest } = overrides;
  passwordHash ??= await hash(TEST_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({
      email: `user-${randomUUID().slice(0, 8)}@example.org`,
      name: "Test User",
      passwordHash,
      emailVerifiedAt: verified ? new Date() : null,
      ...rest,
    })
    .returning();
  for (const role of roles) await db.insert(userRoles).values({ userId: user.id, role });
  return user;
}

export async function sessionUserFor(userId: string): Promise<SessionUser> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return loadSessionUser(db, user);
}

/** A signed-in user: the row, its SessionUser, and a Cookie header for requests to loaders and actions. */
export async function signedIn(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides);
  const { token } = await createSession(db, user.id);
  return { user, sessionUser: await sessionUserFor(user.id), cookie: `session=${token}` };
}

export async function createOrganisation(overrides: Partial<typeof organisations.$inferInsert> & { owner?: { id: string }; members?: { id: string }[] } = {}) {
  const { owner, members = [], ...rest } = overrides;
  const slug = rest.slug ?? `org-${randomUUID().slice(0, 8)}`;
  const [org] = await db
    .insert(organisations)
    .values({ slug, legalName: `${slug} Ltd`, displayName: `Org ${slug}`, country: "DE", description: "Rust training", contactEmail: `hello@${slug}.example`, website: `https://${slug}.example`, ...rest })
    .returning();
  if (owner) await db.insert(organisationMembers).values({ organisationId: org.id, userId: owner.id, role: "owner" });
  for (const m of members) await db.insert(organisationMembers).values({ organisationId: org.id, userId: m.id, role: "member" });
  return org;
}

/** A small published framework: two areas, five competencies (three core). */
export async function createFramework(overrides: Partial<typeof frameworks.$inferInsert> = {}) {
  const [fw] = await db
    .insert(frameworks)
    .values({ version: overrides.version ?? 1, title: "Rust Competency Framework", status: "published", publishedAt: new Date(), ...overrides })
    .returning();
  const [own] = await db.insert(competencies).values({ frameworkId: fw.id, kind: "area", code: "OWN", title: "Ownership and borrowing", position: 0 }).returning();
  const [asy] = await db.insert(competencies).values({ frameworkId: fw.id, kind: "area", code: "ASYNC", title: "Async programming", position: 1 }).returning();
  const items = await db
    .insert(competencies)
    .values([
      { frameworkId: fw.id, parentId: own.id, kind: "competency", code: "OWN.1", title: "Explain ownership and moves", description: "Describe how values are moved and dropped, and when a type is Copy.", level: "foundation", core: true, position: 0 },
      { frameworkId: fw.id, parentId: own.id, kind: "competency", code: "OWN.2", title: "Borrow with references", description: "Use shared and mutable references and satisfy the borrow checker.", level: "foundation", core: true, position: 1 },
      { frameworkId: fw.id, parentId: own.id, kind: "competency", code: "OWN.3", title: "Reason about lifetimes", description: "Annotate lifetimes in functions and structs that hold references.", level: "intermediate", core: true, position: 2 },
      { frameworkId: fw.id, parentId: asy.id, kind: "competency", code: "ASYNC.1", title: "Write async functions", description: "Use async and await with futures and an executor such as Tokio.", level: "intermediate", core: false, position: 0 },
      { frameworkId: fw.id, parentId: asy.id, kind: "competency", code: "ASYNC.2", title: "Pin and poll futures", description: "Implement Future by hand and explain Pin.", level: "advanced", core: false, position: 1 },
    ])
    .returning();
  const byCode = Object.fromEntries(items.map((c) => [c.code, c]));
  return { framework: fw, areas: { own, asy }, competencies: byCode };
}

/** A published rubric of three criteria with weights 2, 1, 1. */
export async function createRubric(overrides: Partial<typeof rubrics.$inferInsert> = {}) {
  const [rubric] = await db.insert(rubrics).values({ version: 1, title: "Accreditation rubric", status: "published", publishedAt: new Date(), ...overrides }).returning();
  const descriptors = ["Absent", "Weak", "Adequate", "Good", "Excellent"];
  const criteria = await db
    .insert(rubricCriteria)
    .values([
      { rubricId: rubric.id, code: "CUR", title: "Curriculum", weight: 2, descriptors, position: 0 },
      { rubricId: rubric.id, code: "TRN", title: "Trainers", weight: 1, descriptors, position: 1 },
      { rubricId: rubric.id, code: "QA", title: "Quality assurance", weight: 1, descriptors, position: 2 },
    ])
    .returning();
  return { rubric, criteria };
}
