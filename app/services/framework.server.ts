import { asc, desc, eq, sql } from "drizzle-orm";
import { applications, competencies, frameworks, organisations } from "../../db/schema";
import type { Database } from "./db.server";
import type { FrameworkNode, FrameworkVersion } from "~/domain/case";
import { diffFrameworks, type FrameworkDiff } from "~/domain/framework-diff";

// Reading framework versions. Drafting and publishing live in framework-drafts.server.ts, editing a draft's
// areas and competencies in framework-nodes.server.ts.

export type FrameworkSummary = FrameworkVersion & { competencyCount: number; areaCount: number; applicationCount: number };

export async function listFrameworks(db: Database): Promise<FrameworkSummary[]> {
  const rows = await db
    .select({
      fw: frameworks,
      competencyCount: sql<number>`(select count(*)::int from ${competencies} c where c.framework_id = "frameworks"."id" and c.kind = 'competency')`,
      areaCount: sql<number>`(select count(*)::int from ${competencies} c where c.framework_id = "frameworks"."id" and c.kind = 'area')`,
      // Qualified by hand: drizzle leaves a single-table query's columns unqualified, which inside the
      // subquery would resolve to the subquery's own table.
      applicationCount: sql<number>`(select count(*)::int from ${applications} a where a.framework_id = "frameworks"."id")`,
    })
    .from(frameworks)
    .orderBy(desc(frameworks.version));
  return rows.map((r) => ({ ...toVersion(r.fw), competencyCount: r.competencyCount, areaCount: r.areaCount, applicationCount: r.applicationCount }));
}

export function toVersion(fw: typeof frameworks.$inferSelect): FrameworkVersion {
  return {
    id: fw.id,
    version: fw.version,
    title: fw.title,
    description: fw.description,
    status: fw.status,
    sourceUri: fw.sourceUri,
    sourceIdentifier: fw.sourceIdentifier,
    createdAt: fw.createdAt,
    publishedAt: fw.publishedAt,
    retiredAt: fw.retiredAt,
  };
}

export function toNode(c: typeof competencies.$inferSelect): FrameworkNode {
  return {
    id: c.id,
    parentId: c.parentId,
    kind: c.kind,
    code: c.code,
    title: c.title,
    description: c.description,
    level: c.level,
    core: c.core,
    position: c.position,
    sourceUri: c.sourceUri,
    sourceIdentifier: c.sourceIdentifier,
    path: c.path,
    parentAssociationId: c.parentAssociationId,
  };
}

export async function getFramework(db: Database, id: string): Promise<{ framework: FrameworkVersion; nodes: FrameworkNode[] } | null> {
  const [fw] = await db.select().from(frameworks).where(eq(frameworks.id, id));
  if (!fw) return null;
  const rows = await db
    .select()
    .from(competencies)
    .where(eq(competencies.frameworkId, id))
    .orderBy(asc(competencies.position), asc(competencies.code));
  return { framework: toVersion(fw), nodes: rows.map(toNode) };
}

export async function publishedFramework(db: Database): Promise<FrameworkVersion | null> {
  const [fw] = await db.select().from(frameworks).where(eq(frameworks.status, "published"));
  return fw ? toVersion(fw) : null;
}

export async function diffVersions(db: Database, fromId: string, toId: string): Promise<{ from: FrameworkVersion; to: FrameworkVersion; diff: FrameworkDiff } | null> {
  const [from, to] = await Promise.all([getFramework(db, fromId), getFramework(db, toId)]);
  if (!from || !to) return null;
  return { from: from.framework, to: to.framework, diff: diffFrameworks(from.nodes, to.nodes) };
}

/** The applications written against one framework version, newest first (for the staff version page). */
export async function applicationsPinnedTo(db: Database, frameworkId: string, limit = 100) {
  return db
    .select({ id: applications.id, status: applications.status, kind: applications.kind, createdAt: applications.createdAt, organisation: organisations.displayName })
    .from(applications)
    .innerJoin(organisations, eq(organisations.id, applications.organisationId))
    .where(eq(applications.frameworkId, frameworkId))
    .orderBy(desc(applications.createdAt))
    .limit(limit);
}
