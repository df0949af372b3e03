import { asc, eq, isNotNull, sql } from "drizzle-orm";
import { applications, decisions, rubricCriteria, rubrics } from "../../db/schema";
import { config } from "~/config.server";
import type { Database } from "./db.server";

export type HowItWorks = {
  rubric: { title: string; version: number; criteria: { code: string; title: string; guidance: string; weight: number; descriptors: string[] }[] } | null;
  /** Days from submission to the board's decision over decided applications; null until there is one. */
  timeline: { decided: number; medianDays: number; p90Days: number } | null;
  fees: { currency: string; application: number; perCourse: number; renewal: number };
  minReviewers: number;
  boardQuorum: number;
  years: number;
};

/** What the public "How accreditation works" page shows: the published rubric, the typical timeline, the fees. */
export async function howItWorks(db: Database): Promise<HowItWorks> {
  const c = config();
  const [published] = await db.select().from(rubrics).where(eq(rubrics.status, "published"));
  const criteria = published
    ? await db
        .select({ code: rubricCriteria.code, title: rubricCriteria.title, guidance: rubricCriteria.guidance, weight: rubricCriteria.weight, descriptors: rubricCriteria.descriptors })
        .from(rubricCriteria)
        .where(eq(rubricCriteria.rubricId, published.id))
        .orderBy(asc(rubricCriteria.position), asc(rubricCriteria.code))
    : [];
  const [timing] = await db
    .select({
      decided: sql<number>`count(*)::int`,
      median: sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from ${decisions.createdAt} - ${applications.submittedAt}) / 86400)`,
      p90: sql<number | null>`percentile_cont(0.9) within group (order by extract(epoch from ${decisions.createdAt} - ${applications.submittedAt}) / 86400)`,
    })
    .from(decisions)
    .innerJoin(applications, eq(applications.id, decisions.applicationId))
    .where(isNotNull(applications.submittedAt));
  return {
    rubric: published ? { title: published.title, version: published.version, criteria: criteria.map((x) => ({ ...x, weight: Number(x.weight) })) } : null,
    timeline:
      timing && timing.decided > 0 && timing.median !== null && timing.p90 !== null
        ? { decided: timing.decided, medianDays: Math.max(1, Math.round(Number(timing.median))), p90Days: Math.max(1, Math.round(Number(timing.p90))) }
        : null,
    fees: { currency: c.FEE_CURRENCY, application: c.FEE_APPLICATION, perCourse: c.FEE_PER_COURSE, renewal: c.FEE_RENEWAL },
    minReviewers: c.MIN_ACCEPTED_REVIEWERS,
    boardQuorum: c.BOARD_QUORUM,
    years: c.ACCREDITATION_YEARS,
  };
}
