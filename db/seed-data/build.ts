/**
 * The demo data as plain rows, computed without touching the database: ids are name-based UUIDs and every
 * date is an offset from one base day, so the same base day always gives the same rows.
 */
import { createHash } from "node:crypto";
import type {
  ScopeEntry,
  Tally,
  CriterionScore,
  accreditations,
  applicationRevisions,
  applications,
  boardVotes,
  certificateSequences,
  changeRequests,
  competencies,
  conflicts,
  courseModules,
  courses,
  decisions,
  documents,
  frameworks,
  invitations,
  mappingDisputes,
  moduleMappings,
  organisationMembers,
  organisations,
  reviewerAssignments,
  reviews,
  rubricCriteria,
  rubrics,
  trainers,
  userRoles,
  users,
} from "../schema";
import type { AuditDraft } from "../audit-chain";
import { AREAS, FRAMEWORK } from "./framework";
import { seedId } from "./ids";
import { MODULES, type ModuleKey } from "./modules";
import { FOUNDATION_USERS, type FoundationUserKey } from "./people";
import { simplePdf } from "./pdf";
import { addAftercare, emptyAftercare, type AftercareRows } from "./aftercare";
import { PROVIDERS, type SeedProvider } from "./providers";
import { CRITERIA, RUBRIC } from "./rubric";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export type DemoRows = AftercareRows & {
  today: string;
  users: Insert<typeof users>[];
  userRoles: Insert<typeof userRoles>[];
  frameworks: Insert<typeof frameworks>[];
  competencies: Insert<typeof competencies>[];
  rubrics: Insert<typeof rubrics>[];
  rubricCriteria: Insert<typeof rubricCriteria>[];
  organisations: Insert<typeof organisations>[];
  organisationMembers: Insert<typeof organisationMembers>[];
  conflicts: Insert<typeof conflicts>[];
  applications: Insert<typeof applications>[];
  trainers: Insert<typeof trainers>[];
  courses: Insert<typeof courses>[];
  courseModules: Insert<typeof courseModules>[];
  moduleMappings: Insert<typeof moduleMappings>[];
  documents: Insert<typeof documents>[];
  applicationRevisions: Insert<typeof applicationRevisions>[];
  changeRequests: Insert<typeof changeRequests>[];
  reviewerAssignments: Insert<typeof reviewerAssignments>[];
  reviews: Insert<typeof reviews>[];
  mappingDisputes: Insert<typeof mappingDisputes>[];
  invitations: Insert<typeof invitations>[];
  boardVotes: Insert<typeof boardVotes>[];
  decisions: Insert<typeof decisions>[];
  accreditations: Insert<typeof accreditations>[];
  certificateSequences: Insert<typeof certificateSequences>[];
  /** In chronological order; the seed links them into the hash chain. */
  audit: AuditDraft[];
};

const DAY = 86_400_000;
const ACCREDITATION_YEARS = 3;

/** Midnight UTC of the day `at` falls on: the seed's base day. */
export function baseDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * `firstAuditId`: the id the first seeded audit event will get (the seed inserts them with explicit ids), so a
 * record that names an audit event (an appeal against a revocation) can name it.
 */
export function buildDemoData(today: Date, passwordHash: string, firstAuditId = 1): DemoRows {
  const base = baseDay(today);
  /** A moment `days` from the base day (negative: in the past), at a working hour. */
  const at = (days: number, hour = 9, minute = 0) => new Date(base.getTime() + days * DAY + (hour * 60 + minute) * 60_000);
  const plusDays = (d: Date, days: number, hour?: number) => {
    const x = new Date(d.getTime() + days * DAY);
    if (hour !== undefined) x.setUTCHours(hour, 0, 0, 0);
    return x;
  };

  const rows: DemoRows = {
    today: isoDate(base),
    users: [],
    userRoles: [],
    frameworks: [],
    competencies: [],
    rubrics: [],
    rubricCriteria: [],
    organisations: [],
    organisationMembers: [],
    conflicts: [],
    applications: [],
    trainers: [],
    courses: [],
    courseModules: [],
    moduleMappings: [],
    documents: [],
    applicationRevisions: [],
    changeRequests: [],
    reviewerAssignments: [],
    reviews: [],
    mappingDisputes: [],
    invitations: [],
    boardVotes: [],
    decisions: [],
    accreditations: [],
    certificateSequences: [],
    audit: [],
    ...emptyAftercare(),
  };
  const audit = (occurredAt: Date, actorId: string | null, action: string, entityType: string, entityId: string, data: Record<string, unknown>) =>
    rows.audit.push({ occurredAt, actorId, action, entityType, entityId, data });

  // ---- foundation people, framework and rubric (in place long before the oldest application) ----
  const foundationStart = at(-1250);
  const userId = (email: string) => seedId("user", email.toLowerCase());
  const staffId = userId("staff@example.org");
  const person: Record<FoundationUserKey, { id: string; name: string }> = {} as Record<FoundationUserKey, { id: string; name: string }>;
  FOUNDATION_USERS.forEach((u, i) => {
    const id = userId(u.email);
    const createdAt = plusDays(foundationStart, i);
    person[u.key as FoundationUserKey] = { id, name: u.name };
    rows.users.push({ id, email: u.email, name: u.name, passwordHash, emailVerifiedAt: plusDays(createdAt, 0, 10), expertise: u.expertise ?? [], createdAt });
    for (const role of u.roles) rows.userRoles.push({ userId: id, role, grantedBy: id === staffId ? null : staffId, grantedAt: createdAt });
  });

  const frameworkId = seedId("framework", FRAMEWORK.version);
  rows.frameworks.push({
    id: frameworkId,
    version: FRAMEWORK.version,
    title: FRAMEWORK.title,
    description: FRAMEWORK.description,
    status: "published",
    createdBy: staffId,
    createdAt: at(-1240),
    publishedAt: at(-1230),
  });
  const competency = new Map<string, { id: string; title: string }>();
  AREAS.forEach((area, ai) => {
    const areaId = seedId("competency", FRAMEWORK.version, area.code);
    rows.competencies.push({
      id: areaId,
      frameworkId,
      parentId: null,
      kind: "area",
      code: area.code,
      title: area.title,
      description: area.description,
      level: null,
      core: false,
      position: ai,
      parentAssociationId: seedId("association", FRAMEWORK.version, area.code),
    });
    area.competencies.forEach((c, ci) => {
      const code = `${area.code}.${ci + 1}`;
      const id = seedId("competency", FRAMEWORK.version, code);
      competency.set(code, { id, title: c.title });
      rows.competencies.push({
        id,
        frameworkId,
        parentId: areaId,
        kind: "competency",
        code,
        title: c.title,
        description: c.description,
        level: c.level,
        core: c.core,
        position: ci,
        parentAssociationId: seedId("association", FRAMEWORK.version, code),
      });
    });
  });

  const rubricId = seedId("rubric", RUBRIC.version);
  rows.rubrics.push({ id: rubricId, version: RUBRIC.version, title: RUBRIC.title, status: "published", createdBy: staffId, createdAt: at(-1240), publishedAt: at(-1230) });
  const criterionIds = CRITERIA.map((c) => seedId("criterion", RUBRIC.version, c.code));
  CRITERIA.forEach((c, i) =>
    rows.rubricCriteria.push({ id: criterionIds[i], rubricId, code: c.code, title: c.title, guidance: c.guidance, weight: c.weight, descriptors: [...c.descriptors], position: i }),
  );

  // ---- providers ----
  type Accredited = { p: SeedProvider; appId: string; orgId: string; accreditationId: string; decisionId: string; validFrom: string; validUntil: string; decidedAt: Date };
  const accredited: Accredited[] = [];
  const reviewerPairs: [FoundationUserKey, FoundationUserKey][] = [
    ["reviewer1", "reviewer2"],
    ["reviewer2", "reviewer3"],
    ["reviewer1", "reviewer3"],
  ];

  PROVIDERS.forEach((p, pi) => {
    const orgId = seedId("organisation", p.slug);
    const appId = seedId("application", p.slug);
    const ownerId = userId(p.owner.email);
    const plan = p.plan;

    // The application's calendar: everything else hangs off these dates.
    let validFrom = "";
    let validUntil = "";
    let t: Record<string, Date>;
    if (plan.status === "accredited") {
      const until = new Date(base.getTime() + plan.validUntilInDays * DAY);
      const dayAfter = new Date(until.getTime() + DAY);
      const from = new Date(Date.UTC(dayAfter.getUTCFullYear() - ACCREDITATION_YEARS, dayAfter.getUTCMonth(), dayAfter.getUTCDate()));
      validFrom = isoDate(from);
      validUntil = isoDate(until);
      const decided = plusDays(from, 0, 14);
      t = {
        created: plusDays(decided, -95, 10),
        submitted: plusDays(decided, -80, 16),
        assigned: plusDays(decided, -78, 9),
        accepted: plusDays(decided, -77, 11),
        started: plusDays(decided, -75, 10),
        due: plusDays(decided, -47, 17),
        review1: plusDays(decided, -50, 15),
        review2: plusDays(decided, -48, 12),
        forwarded: plusDays(decided, -35, 10),
        vote1: plusDays(decided, -21, 18),
        vote2: plusDays(decided, -20, 9),
        vote3: plusDays(decided, -18, 20),
        decided,
      };
    } else {
      const calendars: Record<typeof plan.status, Record<string, number>> = {
        draft: { created: -6, updated: -1 },
        submitted: { created: -20, submitted: -3, assigned: -1, due: 20 },
        under_review: { created: -45, submitted: -30, assigned: -28, accepted: -27, started: -26, due: -2, review1: -4, draft2: -1 },
        changes_requested: { created: -35, submitted: -21, changes: -14, changesDue: 14 },
        awaiting_decision: { created: -70, submitted: -55, assigned: -53, accepted: -52, started: -50, due: -18, review1: -20, review2: -19, forwarded: -12, vote1: -8, vote2: -5 },
        rejected: { created: -130, submitted: -110, assigned: -108, accepted: -107, started: -105, due: -78, review1: -80, review2: -79, forwarded: -70, vote1: -60, vote2: -58, vote3: -57, decided: -50 },
        withdrawn: { created: -60, submitted: -40, withdrawn: -33 },
      };
      t = Object.fromEntries(Object.entries(calendars[plan.status]).map(([k, d], i) => [k, at(d, 9 + ((i * 3 + pi) % 8), (pi * 7) % 60)]));
    }

    // Organisation, owner and members.
    const orgCreated = plusDays(t.created, -3);
    rows.organisations.push({
      id: orgId,
      slug: p.slug,
      legalName: p.legalName,
      displayName: p.displayName,
      website: `https://${p.slug}.example`,
      country: p.country,
      description: p.description,
      contactEmail: `hello@${p.slug}.example`,
      createdAt: orgCreated,
      updatedAt: orgCreated,
    });
    for (const [i, m] of [p.owner, ...(p.members ?? [])].entries()) {
      const id = userId(m.email);
      const createdAt = plusDays(orgCreated, -1 + i * 2);
      rows.users.push({ id, email: m.email, name: m.name, passwordHash, emailVerifiedAt: plusDays(createdAt, 0, 12), createdAt });
      rows.organisationMembers.push({ organisationId: orgId, userId: id, role: i === 0 ? "owner" : "member", joinedAt: plusDays(orgCreated, i * 2) });
    }
    audit(orgCreated, ownerId, "organisation.created", "organisation", orgId, { slug: p.slug });
    audit(t.created, ownerId, "application.created", "application", appId, { organisationId: orgId, frameworkVersion: FRAMEWORK.version });

    // Trainers, courses, modules, mappings.
    const isDraft = plan.status === "draft";
    const snapshotTrainers = p.trainers.map((tr, i) => {
      const row = { id: seedId("trainer", p.slug, i), name: tr.name, qualifications: tr.qualifications, certifications: tr.certifications, yearsExperience: tr.years, links: tr.links };
      rows.trainers.push({ ...row, applicationId: appId, position: i });
      return row;
    });
    const snapshotCourses = p.courses.map((course, ci) => {
      const courseId = seedId("course", p.slug, course.key);
      const modules = course.modules.map((key: ModuleKey, mi) => {
        const m = MODULES[key];
        const moduleId = seedId("module", p.slug, course.key, mi);
        // The draft is partly filled: its last module is not mapped yet.
        const maps = isDraft && mi === course.modules.length - 1 ? [] : m.maps;
        const mappings = maps.map(([code, depth]) => {
          const comp = competency.get(code);
          if (!comp) throw new Error(`Seed module ${key} maps to unknown competency ${code}`);
          const mappingId = seedId("mapping", p.slug, course.key, mi, code);
          rows.moduleMappings.push({ id: mappingId, moduleId, competencyId: comp.id, depth, fromSuggestion: false, createdAt: plusDays(t.created, 1) });
          return { mappingId, competencyId: comp.id, code, title: comp.title, depth };
        });
        rows.courseModules.push({ id: moduleId, courseId, title: m.title, learningOutcomes: m.outcomes, hours: m.hours, position: mi });
        return { id: moduleId, title: m.title, learningOutcomes: m.outcomes, hours: m.hours, mappings };
      });
      const totalHours = modules.reduce((sum, m) => sum + m.hours, 0);
      const row = {
        id: courseId,
        title: course.title,
        level: course.level,
        description: course.description,
        totalHours,
        deliveryModes: course.modes,
        languages: course.languages,
        regions: course.regions,
      };
      rows.courses.push({ ...row, applicationId: appId, position: ci });
      return { ...row, modules };
    });

    // Evidence and declarations: everything that was ever submitted carries a syllabus PDF.
    const snapshotDocuments: { id: string; kind: string; filename: string; size: number; sha256: string }[] = [];
    let declarations: { accurate: boolean; codeOfConduct: boolean; dataProcessing: boolean; signedBy: string; signedAt: string | null } | null = null;
    if (!isDraft) {
      const pdf = simplePdf(`${p.displayName}: syllabus`, [
        `${p.legalName}, ${p.country}`,
        "",
        ...snapshotCourses.flatMap((c) => [
          `${c.title} (${c.level}, ${c.totalHours} hours; ${c.deliveryModes.join(", ")}; ${c.languages.join(", ")})`,
          ...c.modules.map((m, i) => `  ${i + 1}. ${m.title} (${m.hours} h)`),
          "",
        ]),
      ]);
      const doc = {
        id: seedId("document", p.slug, "syllabus"),
        kind: "syllabus" as const,
        filename: `${p.slug}-syllabus.pdf`,
        size: pdf.length,
        sha256: createHash("sha256").update(pdf).digest("hex"),
      };
      rows.documents.push({ ...doc, applicationId: appId, contentType: "application/pdf", content: Buffer.from(pdf), uploadedBy: ownerId, createdAt: plusDays(t.submitted, -1) });
      snapshotDocuments.push(doc);
      declarations = { accurate: true, codeOfConduct: true, dataProcessing: true, signedBy: p.owner.name, signedAt: plusDays(t.submitted, 0).toISOString() };
    }

    const status = plan.status;
    rows.applications.push({
      id: appId,
      organisationId: orgId,
      kind: "initial",
      status,
      frameworkId,
      rubricId,
      currentRevision: isDraft ? 0 : 1,
      declarations,
      staffRecommendation: t.forwarded ? recommendationFor(p) : null,
      createdBy: ownerId,
      createdAt: t.created,
      updatedAt: t.decided ?? t.withdrawn ?? t.changes ?? t.forwarded ?? t.started ?? t.submitted ?? t.updated ?? t.created,
      submittedAt: t.submitted ?? null,
      // Seeded applications are submitted once: revision 1 below is their first submission.
      firstSubmittedAt: t.submitted ?? null,
      decidedAt: t.decided ?? null,
    });
    if (isDraft) return;

    // Revision 1, frozen at submission.
    const snapshot = {
      application: { id: appId, kind: "initial", frameworkId, rubricId },
      organisation: {
        id: orgId,
        slug: p.slug,
        displayName: p.displayName,
        legalName: p.legalName,
        website: `https://${p.slug}.example`,
        country: p.country,
        description: p.description,
        contactEmail: `hello@${p.slug}.example`,
      },
      trainers: snapshotTrainers,
      courses: snapshotCourses,
      documents: snapshotDocuments,
      declarations,
    };
    rows.applicationRevisions.push({ id: seedId("revision", p.slug, 1), applicationId: appId, number: 1, snapshot, response: null, submittedBy: ownerId, submittedAt: t.submitted });
    audit(t.submitted, ownerId, "application.submitted", "application", appId, { from: "draft", to: "submitted", revision: 1 });

    if (status === "withdrawn") {
      audit(t.withdrawn, ownerId, "application.withdrawn", "application", appId, { from: "submitted", to: "withdrawn" });
      return;
    }
    if (status === "changes_requested") {
      const crId = seedId("change-request", p.slug, 1);
      const items = [
        "Map the module \u201cTesting your code\u201d to the testing competencies it teaches and say how it is assessed.",
        "Upload the CV of every trainer named in the application.",
        "State the prerequisites for \u201cRust from Scratch\u201d and how they are checked before enrolment.",
      ];
      rows.changeRequests.push({
        id: crId,
        applicationId: appId,
        revisionNumber: 1,
        message: "Thank you for your application. Before we assign reviewers, please complete the following so the syllabus can be assessed.",
        items,
        dueAt: t.changesDue,
        requestedBy: staffId,
        createdAt: t.changes,
      });
      audit(t.changes, staffId, "application.changes_requested", "application", appId, { from: "submitted", to: "changes_requested", changeRequestId: crId, revision: 1, items });
      return;
    }

    if ("awaitingReviewers" in p.plan) return;
    // Reviewers: assigned by staff; pending until they accept. reviewer1 (the demo's reviewer login) has a
    // request to answer and a half-written, overdue review, so the reviewer pages have work on them.
    const pair: [FoundationUserKey, FoundationUserKey] =
      status === "submitted" ? ["reviewer3", "reviewer1"] : status === "under_review" ? ["reviewer2", "reviewer1"] : status === "awaiting_decision" ? ["reviewer1", "reviewer3"] : status === "rejected" ? ["reviewer2", "reviewer3"] : reviewerPairs[pi % reviewerPairs.length];
    const quality = status === "rejected" ? "weak" : p.plan.status === "accredited" && p.plan.conditions ? "good" : pi % 2 === 0 ? "strong" : "good";
    pair.forEach((key, ri) => {
      const reviewer = person[key];
      const assignmentId = seedId("assignment", p.slug, key);
      const pending = status === "submitted";
      const submittedReview = !pending && !(status === "under_review" && ri === 1);
      rows.reviewerAssignments.push({
        id: assignmentId,
        applicationId: appId,
        reviewerId: reviewer.id,
        status: pending ? "pending" : submittedReview ? "completed" : "accepted",
        dueAt: t.due,
        conflictDeclaration: pending ? null : "I have no conflict of interest with this organisation.",
        respondedAt: pending ? null : t.accepted,
        assignedBy: staffId,
        createdAt: t.assigned,
      });
      audit(plusDays(t.assigned, 0, 9 + ri), staffId, "review.reviewer_assigned", "application", appId, { assignmentId, reviewerId: reviewer.id, reviewerName: reviewer.name, dueAt: t.due.toISOString() });
      if (pending) return;
      audit(plusDays(t.accepted, 0, 11 + ri * 3), reviewer.id, "review.assignment_accepted", "application", appId, { assignmentId, noConflictDeclared: true });

      const reviewId = seedId("review", p.slug, key, 1);
      const reviewAt = ri === 0 ? t.review1 : (t.review2 ?? t.draft2);
      const scores = scoreSheet(quality, ri, status === "awaiting_decision");
      const sheet: Record<string, CriterionScore> = {};
      CRITERIA.forEach((c, i) => {
        const filled = submittedReview || i < 3; // the draft review is half done
        sheet[criterionIds[i]] = filled ? { score: scores[i], comment: commentFor(c.code, scores[i]) } : { score: null, comment: "" };
      });
      const recommendation = quality === "weak" ? "reject" : quality === "good" && ri === 1 ? "accredit_with_conditions" : "accredit";
      rows.reviews.push({
        id: reviewId,
        assignmentId,
        revisionNumber: 1,
        scores: sheet,
        confidence: submittedReview ? (ri === 0 ? "high" : "medium") : null,
        recommendation: submittedReview ? recommendation : null,
        summary: submittedReview ? summaryFor(p, quality) : "",
        status: submittedReview ? "submitted" : "draft",
        updatedAt: reviewAt,
        submittedAt: submittedReview ? reviewAt : null,
      });
      if (submittedReview) audit(reviewAt, reviewer.id, "review.submitted", "application", appId, { assignmentId, reviewId, revision: 1, recommendation });
    });
    if (status === "submitted") return;
    if (status === "under_review") {
      // The reviewer who has submitted disputed one mapping, so the dispute and coverage views have a case.
      const course = p.courses[0];
      const mi = course.modules.indexOf("traitsGenerics");
      const mapping = snapshotCourses[0].modules[mi]?.mappings.find((m) => m.code === "TRAIT.2");
      if (!mapping) throw new Error("The under-review demo course must map its traits module to TRAIT.2");
      const disputeId = seedId("dispute", p.slug, mapping.mappingId);
      const note = "Generics appear in one example only; trait bounds and where clauses are not practised in any exercise.";
      const raisedAt = plusDays(t.review1, 0, 11);
      rows.mappingDisputes.push({ id: disputeId, mappingId: mapping.mappingId, raisedBy: person[pair[0]].id, note, createdAt: raisedAt });
      audit(raisedAt, person[pair[0]].id, "review.mapping_disputed", "application", appId, { disputeId, mappingId: mapping.mappingId, competency: "TRAIT.2", module: MODULES.traitsGenerics.title, note });
    }
    audit(t.started, staffId, "application.review_started", "application", appId, { from: "submitted", to: "under_review", revision: 1, acceptedReviewers: 2 });
    if (status === "under_review") return;

    audit(t.forwarded, staffId, "application.forwarded_to_board", "application", appId, { from: "under_review", to: "awaiting_decision", revision: 1, recommendation: recommendationFor(p) });

    // Board votes: the awaiting application has two of three, decided ones all three.
    const conditions = p.plan.status === "accredited" ? (p.plan.conditions ?? "") : "";
    const votes: { key: FoundationUserKey; vote: "approve" | "approve_with_conditions" | "reject"; comment: string; at: Date }[] =
      status === "rejected"
        ? [
            { key: "board1", vote: "reject", comment: "Both reviewers found the syllabus too thin for a foundation course.", at: t.vote1 },
            { key: "board2", vote: "reject", comment: "Agree with the reviewers; trainer experience is insufficient.", at: t.vote2 },
            { key: "board3", vote: "reject", comment: "Reject, with encouragement to reapply.", at: t.vote3 },
          ]
        : status === "awaiting_decision"
          ? [
              { key: "board1", vote: "approve", comment: "Strong trainers and a well-mapped advanced syllabus.", at: t.vote1 },
              { key: "board2", vote: "approve_with_conditions", comment: "Approve once learning outcomes of the optimisation module are assessed, as reviewer 2 noted.", at: t.vote2 },
            ]
          : [
              { key: "board1", vote: "approve", comment: "Reviewers agree; coverage of the core competencies is complete.", at: t.vote1 },
              { key: "board2", vote: conditions ? "approve_with_conditions" : "approve", comment: conditions ? `Approve on condition: ${conditions}` : "Approve.", at: t.vote2 },
              { key: "board3", vote: "approve", comment: "Approve.", at: t.vote3 },
            ];
    for (const v of votes) {
      rows.boardVotes.push({ id: seedId("vote", p.slug, v.key), applicationId: appId, userId: person[v.key].id, vote: v.vote, comment: v.comment, createdAt: v.at, updatedAt: v.at });
      audit(v.at, person[v.key].id, "board.vote_cast", "application", appId, { vote: v.vote });
    }
    if (status === "awaiting_decision") return;

    const tally: Tally = { approve: 0, approve_with_conditions: 0, reject: 0, abstain: 0, eligible: 3 };
    for (const v of votes) tally[v.vote] += 1;
    const decisionId = seedId("decision", p.slug);
    const outcome = status === "rejected" ? "rejected" : "accredited";
    const meetingReference = `Board meeting ${isoDate(t.decided).slice(0, 7)}`;
    rows.decisions.push({
      id: decisionId,
      applicationId: appId,
      outcome,
      conditions,
      rationale:
        outcome === "rejected"
          ? "The syllabus covers only the first steps of the language: ownership is introduced but never practised, error handling and testing are missing, and there is no assessment of learning outcomes. The sole trainer has two years of Rust experience. The board invites a new application once the course and the trainer team have grown."
          : `Both reviewers recommended accreditation and all core competencies at the course levels are covered. ${conditions ? "The board attached a condition that the provider must meet within the stated period." : "No conditions."}`,
      meetingReference,
      tally,
      recordedBy: staffId,
      createdAt: t.decided,
    });
    audit(t.decided, staffId, "application.decided", "application", appId, { from: "awaiting_decision", to: outcome, decisionId, outcome, tally, againstMajority: false, meetingReference });
    if (status === "accredited") accredited.push({ p, appId, orgId, accreditationId: seedId("accreditation", p.slug), decisionId, validFrom, validUntil, decidedAt: t.decided });
  });

  // ---- accreditations: certificate numbers run per year of issue, in order of issue ----
  accredited.sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || a.p.slug.localeCompare(b.p.slug));
  const lastOfYear = new Map<number, number>();
  for (const a of accredited) {
    const year = a.decidedAt.getUTCFullYear();
    const n = (lastOfYear.get(year) ?? 0) + 1;
    lastOfYear.set(year, n);
    const certificateNumber = `ACC-${year}-${String(n).padStart(4, "0")}`;
    const scope: ScopeEntry[] = [];
    const orgCourses = rows.courses.filter((c) => c.applicationId === a.appId);
    for (const c of orgCourses) {
      for (const language of c.languages ?? []) for (const mode of c.deliveryModes ?? []) scope.push({ courseId: c.id!, courseTitle: c.title, level: c.level, language, mode });
    }
    const plan = a.p.plan.status === "accredited" ? a.p.plan : null;
    const lifecycle = plan?.accreditation ?? "active";
    const changedAt = lifecycle === "suspended" ? at(-12, 15) : lifecycle === "revoked" ? at(-45, 11) : a.decidedAt;
    rows.accreditations.push({
      id: a.accreditationId,
      certificateNumber,
      organisationId: a.orgId,
      applicationId: a.appId,
      decisionId: a.decisionId,
      scope,
      conditions: plan?.conditions ?? "",
      status: lifecycle,
      statusReason: lifecycle === "active" ? null : (plan?.statusReason ?? null),
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      createdAt: a.decidedAt,
      updatedAt: changedAt,
    });
    audit(a.decidedAt, staffId, "accreditation.issued", "accreditation", a.accreditationId, {
      certificateNumber,
      applicationId: a.appId,
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      scope: scope.length,
    });
    if (lifecycle !== "active") {
      audit(changedAt, staffId, `accreditation.${lifecycle}`, "accreditation", a.accreditationId, { certificateNumber, from: "active", to: lifecycle, reason: plan?.statusReason ?? null });
    }
  }
  rows.certificateSequences = [...lastOfYear.entries()].sort(([a], [b]) => a - b).map(([year, last]) => ({ year, last }));

  // A reviewer who once taught for Ferris Academy declared the conflict (so assignment suggestions skip her).
  rows.conflicts.push({
    id: seedId("conflict", "reviewer3", "ferris-academy"),
    userId: person.reviewer3.id,
    organisationId: seedId("organisation", "ferris-academy"),
    note: "Taught a guest module on embedded Rust for Ferris Academy in 2025.",
    createdAt: at(-200, 10),
  });

  // Invitations waiting for an answer: one to the reviewer role, one to join Ferris Academy. The stored hash
  // is of a string that is not a token format, so no link can ever redeem them; staff can resend or revoke.
  const invitationHash = (email: string) => createHash("sha256").update(`demo-invitation:${email}`).digest("hex");
  const pendingInvitations = [
    { email: "reviewer4@example.org", kind: "role" as const, role: "reviewer" as const, organisationId: null, orgRole: null, invitedBy: staffId, createdAt: at(-2, 10) },
    {
      email: "trainer@ferris-academy.example",
      kind: "organisation" as const,
      role: null,
      organisationId: seedId("organisation", "ferris-academy"),
      orgRole: "member" as const,
      invitedBy: userId("owner1@example.org"),
      createdAt: at(-1, 15),
    },
  ];
  for (const inv of pendingInvitations) {
    const id = seedId("invitation", inv.email);
    rows.invitations.push({ id, ...inv, tokenHash: invitationHash(inv.email), expiresAt: new Date(inv.createdAt.getTime() + 7 * DAY) });
    audit(inv.createdAt, inv.invitedBy, "invitation.created", "invitation", id, { email: inv.email, kind: inv.kind, role: inv.role, organisationId: inv.organisationId, orgRole: inv.orgRole });
  }

  // After the grant: an appeal, a complaint, a scope change, a material change, an annual report, a proposal.
  const areasByApplication = new Map<string, Set<string>>();
  for (const course of rows.courses) {
    const moduleIds = new Set(rows.courseModules.filter((m) => m.courseId === course.id).map((m) => m.id));
    const codes = rows.moduleMappings.filter((m) => moduleIds.has(m.moduleId)).map((m) => rows.competencies.find((c) => c.id === m.competencyId)?.code ?? "");
    const areas = areasByApplication.get(course.applicationId) ?? new Set<string>();
    for (const code of codes) areas.add(code.split(".")[0]);
    areasByApplication.set(course.applicationId, areas);
  }
  const aftercare = addAftercare({
    rows,
    areasOf: (applicationId) => [...(areasByApplication.get(applicationId) ?? [])],
    reviewers: FOUNDATION_USERS.filter((u) => u.roles.includes("reviewer")).map((u) => ({ id: userId(u.email), expertise: u.expertise ?? [] })),
    at,
    audit,
    userId,
    staffId,
    colleagueId: person.staff2.id,
    panel: [person.board1.id, person.board2.id],
  });

  // Stable sort: same-moment events keep the order they were produced in.
  rows.audit = rows.audit.map((e, i) => ({ e, i })).sort((a, b) => a.e.occurredAt.getTime() - b.e.occurredAt.getTime() || a.i - b.i).map(({ e }) => e);
  aftercare.link(firstAuditId);
  return rows;
}

// ---- review content ------------------------------------------------------------------------------

type Quality = "strong" | "good" | "weak";

/** Scores per criterion (CUR, OUT, TRN, DEL, QA, SUP) for the first and second reviewer. */
function scoreSheet(quality: Quality, reviewer: number, spread: boolean): number[] {
  const sheets: Record<Quality, [number[], number[]]> = {
    strong: [
      [4, 3, 4, 3, 3, 4],
      [4, 4, 4, 3, 3, 3],
    ],
    good: [
      [3, 3, 3, 3, 2, 3],
      [3, 2, 3, 3, 3, 2],
    ],
    weak: [
      [1, 1, 0, 1, 1, 2],
      [1, 0, 1, 1, 0, 1],
    ],
  };
  // The application awaiting a decision has a 2-point spread on outcomes, which the board page flags.
  if (spread) return reviewer === 0 ? [3, 3, 4, 3, 3, 3] : [3, 1, 4, 3, 2, 3];
  return sheets[quality][reviewer];
}

const COMMENTS: Record<string, [weak: string, good: string]> = {
  CUR: [
    "Core competencies for the level are missing or only introduced; several mappings are not supported by the module content.",
    "The mapping is accurate and covers the core competencies for the course level at practised depth or deeper.",
  ],
  OUT: [
    "Outcomes are topic lists rather than observable outcomes, and there is no assessment beyond attendance.",
    "Outcomes are observable (write, explain, implement) and checked through exercises and code review.",
  ],
  TRN: [
    "Trainer experience with Rust is limited for the level of the course.",
    "Trainers combine production Rust experience with a record of teaching.",
  ],
  DEL: [
    "Materials are mostly slides; little hands-on practice in the self-paced mode.",
    "Current materials on the latest edition, with exercises and solutions in every delivery mode.",
  ],
  QA: [
    "No documented process for collecting and acting on participant feedback.",
    "Feedback is collected after every edition and changes to the materials are logged.",
  ],
  SUP: [
    "Support ends with the last training day; accessibility is not addressed.",
    "Prerequisites are stated, office hours follow the course, and materials are accessible.",
  ],
};

function commentFor(code: string, score: number): string {
  return COMMENTS[code][score >= 3 ? 1 : 0];
}

function summaryFor(p: SeedProvider, quality: Quality): string {
  if (quality === "weak") return `${p.displayName}'s course is too short and too shallow for accreditation; ownership and error handling are only introduced and nothing is assessed.`;
  if (quality === "good") return `${p.displayName} offers a solid syllabus with accurate mappings; assessment of learning outcomes could be more systematic.`;
  return `${p.displayName} offers a well-structured syllabus taught by experienced trainers; the mapping is accurate and the capstone work is assessed.`;
}

function recommendationFor(p: SeedProvider): string {
  if (p.plan.status === "rejected") return "Both reviewers recommend rejection: the syllabus does not cover the core competencies of a foundation course and learning outcomes are not assessed.";
  if (p.plan.status === "awaiting_decision")
    return "Both reviewers recommend accreditation; one asks for the learning outcomes of the optimisation module to be assessed (a 2-point spread on criterion OUT).";
  return "Both reviewers recommend accreditation; coverage of core competencies is complete.";
}
