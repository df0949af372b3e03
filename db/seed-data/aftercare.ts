/**
 * The demo's records after the grant (decision 046): one appeal, one complaint, one scope change, one material
 * change, one annual report and one assignment proposal, each in a state the services reach, with the audit
 * events (and timeline rows) they write. Each sits with an organisation no e2e spec works with, so the specs'
 * counts and lists stay as they were: QuickRust Bootcamp (appeal), Rustbelt Training (complaint), Async Atelier
 * (scope change), Crabcode Labs (material change, annual report); the proposal covers the three applications
 * waiting for reviewers, as staff would ask for it before approving.
 */
import { createHash } from "node:crypto";
import type {
  accreditations,
  annualReports,
  appealDocuments,
  appealPanelMembers,
  appeals,
  assignmentProposals,
  complaintEvents,
  complaints,
  materialChanges,
  scopeChanges,
  AnnualReportContent,
  ProposalPair,
  ProposalShortfall,
  ScopeEntry,
} from "../schema";
import type { AuditDraft } from "../audit-chain";
import { seedId } from "./ids";
import { simplePdf } from "./pdf";

type Insert<T extends { $inferInsert: unknown }> = T["$inferInsert"];

export type AftercareRows = {
  appeals: Insert<typeof appeals>[];
  appealPanelMembers: Insert<typeof appealPanelMembers>[];
  appealDocuments: Insert<typeof appealDocuments>[];
  complaints: Insert<typeof complaints>[];
  complaintEvents: Insert<typeof complaintEvents>[];
  scopeChanges: Insert<typeof scopeChanges>[];
  materialChanges: Insert<typeof materialChanges>[];
  annualReports: Insert<typeof annualReports>[];
  assignmentProposals: Insert<typeof assignmentProposals>[];
};

export const emptyAftercare = (): AftercareRows => ({
  appeals: [],
  appealPanelMembers: [],
  appealDocuments: [],
  complaints: [],
  complaintEvents: [],
  scopeChanges: [],
  materialChanges: [],
  annualReports: [],
  assignmentProposals: [],
});

/** What the aftercare records are built from: the rows built so far and the seed's clock and audit helpers. */
export type AftercareContext = {
  rows: AftercareRows & {
    accreditations: Insert<typeof accreditations>[];
    courses: { id?: string; applicationId: string; title: string; level: string }[];
    applications: { id?: string; organisationId: string; status?: string; submittedAt?: Date | null }[];
    reviewerAssignments: { applicationId: string; reviewerId: string; status?: string }[];
    audit: AuditDraft[];
  };
  /** Competency areas each application's modules map to (the auto-assign solver's input). */
  areasOf: (applicationId: string) => string[];
  reviewers: { id: string; expertise: string[] }[];
  at: (days: number, hour?: number, minute?: number) => Date;
  audit: (occurredAt: Date, actorId: string | null, action: string, entityType: string, entityId: string, data: Record<string, unknown>) => void;
  userId: (email: string) => string;
  staffId: string;
  /** The second member of staff, who had no part in the revocation and so may constitute the appeal panel. */
  colleagueId: string;
  panel: string[];
};

const DAY = 86_400_000;
const sha256 = (text: string | Uint8Array) => createHash("sha256").update(text).digest("hex");
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const plusYears = (iso: string, years: number) => {
  const [y, m, d] = iso.split("-").map(Number);
  return isoDate(new Date(Date.UTC(y + years, m - 1, d)));
};
// app/domain/format.ts's formatDate, which the appeal's stored summary was written with (db/ does not import app/).
const formatDate = (d: Date) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(d);

/**
 * Add the aftercare records. Returns `link`, to call once the audit list is in its final order: an appeal
 * against a revocation names the revocation by its audit event's id (`revocation:<id>`), known only then.
 */
export function addAftercare(ctx: AftercareContext): { link: (firstAuditId: number) => void } {
  const { rows, at, audit, userId, staffId } = ctx;
  const accreditationOf = (slug: string) => {
    const orgId = seedId("organisation", slug);
    const a = rows.accreditations.find((x) => x.organisationId === orgId);
    if (!a?.id) throw new Error(`The aftercare seed needs an accreditation of ${slug}`);
    return a as Insert<typeof accreditations> & { id: string };
  };

  // ---- an appeal against QuickRust Bootcamp's revocation, before its panel ----
  const revoked = accreditationOf("quickrust-bootcamp");
  const revocation = rows.audit.find((e) => e.action === "accreditation.revoked" && e.entityId === revoked.id);
  if (!revocation) throw new Error("The aftercare seed needs the revocation's audit event");
  const appealId = seedId("appeal", "quickrust-bootcamp", "revocation");
  const brad = userId("brad@quickrust.example");
  const lodgedAt = at(-41, 16, 5);
  const panelAt = at(-38, 10, 30);
  const appeal: Insert<typeof appeals> = {
    id: appealId,
    organisationId: revoked.organisationId,
    kind: "revocation",
    decisionKey: "", // set by `link`
    applicationId: revoked.applicationId,
    accreditationId: revoked.id,
    decidedAt: revocation.occurredAt,
    decidedBy: revocation.actorId,
    original: { summary: `Revocation of certificate ${revoked.certificateNumber} on ${formatDate(revocation.occurredAt)}`, reason: revoked.statusReason ?? "", certificateNumber: revoked.certificateNumber },
    grounds:
      "We removed the accreditation mark from the two workshops outside our scope on the day of the second warning. The pages the revocation cites are copies kept by a partner's booking site, which we had asked to update; their confirmation that the copies are gone is attached. We ask the panel to reinstate the accreditation.",
    status: "hearing",
    filedBy: brad,
    filedAt: lodgedAt,
    panelConstitutedAt: panelAt,
    updatedAt: panelAt,
  };
  rows.appeals.push(appeal);
  const lodged: AuditDraft = { occurredAt: lodgedAt, actorId: brad, action: "appeal.lodged", entityType: "appeal", entityId: appealId, data: { kind: "revocation", decision: "" } };
  rows.audit.push(lodged);
  const pdf = simplePdf("QuickRust Bootcamp: use of the accreditation mark", [
    "Confirmation from our booking partner, sent to QuickRust Bootcamp Inc.:",
    "",
    "The cached course pages showing the accreditation mark for 'Rust for Web' and 'Rust Games Jam'",
    "were removed from our site. No other page of ours shows the mark.",
  ]);
  const documentId = seedId("appeal-document", appealId, 1);
  const document = { id: documentId, filename: "booking-partner-confirmation.pdf", size: pdf.length, sha256: sha256(pdf) };
  const addedAt = new Date(lodgedAt.getTime() + 12 * 60_000);
  rows.appealDocuments.push({ ...document, appealId, content: Buffer.from(pdf), uploadedBy: brad, createdAt: addedAt });
  audit(addedAt, brad, "appeal.document_added", "appeal", appealId, { documentId, filename: document.filename, size: document.size, sha256: document.sha256 });
  audit(panelAt, ctx.colleagueId, "appeal.constitute_panel", "appeal", appealId, { from: "lodged", to: "hearing", panel: ctx.panel });
  for (const member of ctx.panel) rows.appealPanelMembers.push({ appealId, userId: member, addedBy: ctx.colleagueId, addedAt: panelAt });

  // ---- a complaint about Rustbelt Training, accepted for investigation ----
  const rustbelt = accreditationOf("rustbelt-training");
  const complaintId = seedId("complaint", "rustbelt-training", 1);
  const filedAt = at(-9, 19, 40);
  const confirmedAt = at(-9, 19, 52);
  const acceptedAt = at(-7, 10, 15);
  const acceptNote = "Within scope: the Bootcamp is accredited for in-person delivery. Ask the provider for the booking confirmation and the March attendance list.";
  rows.complaints.push({
    id: complaintId,
    organisationId: rustbelt.organisationId,
    accreditationId: rustbelt.id,
    complainantName: "Grace Whitaker",
    complainantEmail: "grace.whitaker@example.net",
    consentToShare: false,
    details:
      "I booked the five-day Rust Bootcamp in Pittsburgh as an in-person course. Two days before it started we were told it would run online instead, and the capstone project review promised in the course description never took place: the last afternoon was a recorded video.",
    status: "investigating",
    // The private link's secret went only to the complainant; the stored hash is of a string that is not a token, so no link opens it.
    tokenHash: sha256(`demo-complaint:${complaintId}`),
    submittedFrom: sha256("address:203.0.113.24"),
    createdAt: filedAt,
    confirmedAt,
    triageDueAt: new Date(confirmedAt.getTime() + 5 * DAY),
    resolutionDueAt: new Date(acceptedAt.getTime() + 60 * DAY),
    updatedAt: acceptedAt,
  });
  rows.complaintEvents.push(
    { id: seedId("complaint-event", complaintId, "filed"), complaintId, action: "filed", fromStatus: null, toStatus: "unconfirmed", note: "", actorId: null, createdAt: filedAt },
    { id: seedId("complaint-event", complaintId, "confirm"), complaintId, action: "confirm", fromStatus: "unconfirmed", toStatus: "received", note: "", actorId: null, createdAt: confirmedAt },
    { id: seedId("complaint-event", complaintId, "accept"), complaintId, action: "accept", fromStatus: "received", toStatus: "investigating", note: acceptNote, actorId: staffId, createdAt: acceptedAt },
  );
  audit(filedAt, null, "complaint.filed", "complaint", complaintId, { organisationId: rustbelt.organisationId, consentToShare: false });
  audit(confirmedAt, null, "complaint.confirm", "complaint", complaintId, { from: "unconfirmed", to: "received", outcome: null });
  audit(acceptedAt, staffId, "complaint.accept", "complaint", complaintId, { from: "received", to: "investigating", outcome: null });

  // ---- Async Atelier asks to teach its concurrency course in English (its condition was the English materials) ----
  const atelier = accreditationOf("async-atelier");
  const concurrency = rows.courses.find((c) => c.applicationId === atelier.applicationId && c.title === "Concurrency in Rust");
  if (!concurrency?.id) throw new Error("The aftercare seed needs Async Atelier's concurrency course");
  const entries: ScopeEntry[] = [{ courseId: concurrency.id, courseTitle: concurrency.title, level: concurrency.level, language: "en", mode: "in_person" }];
  const scopeChangeId = seedId("scope-change", "async-atelier", 1);
  const requestedAt = at(-4, 11, 20);
  rows.scopeChanges.push({
    id: scopeChangeId,
    accreditationId: atelier.id,
    organisationId: atelier.organisationId,
    kind: "extension",
    status: "requested",
    entries,
    reason: "The English materials of the concurrency course are published, as the condition of our accreditation asked. We would like to teach it in English on site as well, for teams in Lyon and Geneva.",
    requestedBy: userId("camille@async-atelier.example"),
    requestedAt,
  });
  audit(requestedAt, userId("camille@async-atelier.example"), "scope_change.requested", "scope_change", scopeChangeId, {
    accreditationId: atelier.id,
    certificateNumber: atelier.certificateNumber,
    kind: "extension",
    entries: entries.length,
  });

  // ---- Crabcode Labs: a trainer left (reported, awaiting review) ----
  const crabcode = accreditationOf("crabcode-labs");
  const anouk = userId("anouk@crabcode-labs.example");
  const materialId = seedId("material-change", "crabcode-labs", 1);
  const reportedAt = at(-6, 14, 45);
  const effectiveOn = isoDate(at(-10));
  rows.materialChanges.push({
    id: materialId,
    accreditationId: crabcode.id,
    organisationId: crabcode.organisationId,
    kind: "trainer_left",
    status: "reported",
    description:
      "Sander Bakker, who taught the sqlx and database modules of Rust for Backend Engineers, left the company. Anouk de Vries teaches those modules until a new trainer joins; we expect to name one within two months.",
    effectiveOn,
    reportedBy: anouk,
    reportedAt,
  });
  audit(reportedAt, anouk, "material_change.reported", "material_change", materialId, { accreditationId: crabcode.id, certificateNumber: crabcode.certificateNumber, kind: "trainer_left", effectiveOn });

  // ---- Crabcode Labs: its year-2 annual report, filed before it was due and accepted ----
  const period = 2;
  const dueOn = plusYears(crabcode.validFrom, period);
  const periodStart = plusYears(crabcode.validFrom, period - 1);
  const periodEnd = isoDate(new Date(Date.parse(`${dueOn}T00:00:00Z`) - DAY));
  const due = new Date(`${dueOn}T00:00:00Z`);
  const reportId = seedId("annual-report", crabcode.id, period);
  const openedAt = new Date(due.getTime() - 60 * DAY + 2 * 3_600_000); // the scheduler opens it 60 days ahead
  const filedReportAt = new Date(due.getTime() - 12 * DAY + 15 * 3_600_000);
  const reviewedAt = new Date(due.getTime() + 4 * DAY + 10 * 3_600_000);
  const reviewNote = "Thank you. The figures match the course calendar and the capstone reviews are documented.";
  const content: AnnualReportContent = {
    coursesDelivered: 11,
    learners: 126,
    trainerChanges: "None this year.",
    syllabusChanges: "The axum module moved to axum 0.7; the capstone service now deploys to a container platform instead of a virtual machine.",
    complaintsReceived: 1,
    complaintsSummary: "One participant found the online room too full; the live online cohorts are now limited to twelve people.",
  };
  rows.annualReports.push({
    id: reportId,
    accreditationId: crabcode.id,
    organisationId: crabcode.organisationId,
    period,
    periodStart,
    periodEnd,
    dueOn,
    status: "accepted",
    content,
    submittedBy: anouk,
    submittedAt: filedReportAt,
    reviewNote,
    reviewedBy: staffId,
    reviewedAt,
    createdAt: openedAt,
  });
  audit(openedAt, null, "surveillance.report_opened", "annual_report", reportId, { accreditationId: crabcode.id, period, periodStart, periodEnd, dueOn });
  audit(filedReportAt, anouk, "surveillance.report_submitted", "annual_report", reportId, { from: "due", to: "submitted", period, accreditationId: crabcode.id });
  audit(reviewedAt, staffId, "surveillance.report_accept", "annual_report", reportId, { from: "submitted", to: "accepted", period, accreditationId: crabcode.id, note: reviewNote });

  // ---- a proposal of reviewers for the three applications still waiting for them, not yet approved ----
  addProposal(ctx);

  return {
    link(firstAuditId) {
      const index = rows.audit.indexOf(revocation);
      if (index < 0) throw new Error("The revocation's audit event went missing");
      appeal.decisionKey = `revocation:${firstAuditId + index}`;
      lodged.data.decision = appeal.decisionKey;
    },
  };
}

/**
 * The proposal the solver gives for the waiting applications (two reviewers each, at most six open assignments
 * per reviewer): the plan with the most assignments, then the highest total expertise score, then the most even
 * load (app/domain/auto-assign.ts). Three reviewers and three applications make the search exhaustive and small;
 * tests/integration/seed.test.ts checks it against the real service.
 */
function addProposal(ctx: AftercareContext) {
  const { rows, at, audit, staffId } = ctx;
  const perApplication = 2;
  const maxLoad = 6;
  const waiting = rows.applications.filter(
    (a) => a.status === "submitted" && !rows.reviewerAssignments.some((r) => r.applicationId === a.id && ["pending", "accepted", "completed"].includes(r.status ?? "")),
  );
  const applicationIds = waiting.map((a) => a.id!);
  const assignable = new Set(rows.applications.filter((a) => ["submitted", "under_review", "changes_requested"].includes(a.status ?? "")).map((a) => a.id));
  const load = (reviewerId: string) => rows.reviewerAssignments.filter((r) => r.reviewerId === reviewerId && ["pending", "accepted"].includes(r.status ?? "") && assignable.has(r.applicationId)).length;
  const reviewers = ctx.reviewers.map((r) => ({ ...r, load: load(r.id) }));
  const matchesOf = (applicationId: string, expertise: string[]) => {
    const areas = new Set(ctx.areasOf(applicationId).map((a) => a.toUpperCase()));
    return expertise.filter((e) => areas.has(e.toUpperCase()));
  };

  // Every way to give each application `perApplication` of the reviewers; keep the best by the solver's objective.
  const choices: number[][] = [];
  const pick = (from: number, chosen: number[]) => {
    if (chosen.length === perApplication) return void choices.push(chosen);
    for (let i = from; i < reviewers.length; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  let best: { plan: number[][]; score: number; cost: number } | null = null;
  const search = (a: number, plan: number[][]) => {
    if (a === applicationIds.length) {
      const added = reviewers.map((_, r) => plan.filter((c) => c.includes(r)).length);
      if (added.some((n, r) => reviewers[r].load + n > maxLoad)) return;
      const score = plan.reduce((s, c, ai) => s + c.reduce((t, r) => t + matchesOf(applicationIds[ai], reviewers[r].expertise).length, 0), 0);
      const cost = reviewers.reduce((s, r, i) => s + Array.from({ length: added[i] }, (_, j) => r.load + j + 1).reduce((x, y) => x + y, 0), 0);
      if (!best || score > best.score || (score === best.score && cost < best.cost)) best = { plan, score, cost };
      return;
    }
    for (const c of choices) search(a + 1, [...plan, c]);
  };
  search(0, []);
  const chosen = best as { plan: number[][]; score: number; cost: number } | null;
  if (!chosen) throw new Error("The aftercare seed found no reviewer plan");
  const pairs: ProposalPair[] = applicationIds.flatMap((applicationId, ai) =>
    chosen.plan[ai].map((r) => {
      const matches = matchesOf(applicationId, reviewers[r].expertise);
      return { applicationId, reviewerId: reviewers[r].id, score: matches.length, matches };
    }),
  );
  const shortfall: ProposalShortfall[] = [];
  const id = seedId("assignment-proposal", 1);
  const createdAt = at(-1, 17, 10);
  const dueAt = new Date(`${isoDate(at(21))}T23:59:59.000Z`);
  rows.assignmentProposals.push({ id, status: "proposed", applicationIds, reviewersPerApplication: perApplication, maxLoad, dueAt, pairs, shortfall, totalScore: chosen.score, createdBy: staffId, createdAt });
  audit(createdAt, staffId, "assignment.proposed", "assignment_proposal", id, {
    applications: applicationIds.length,
    assignments: pairs.length,
    totalScore: chosen.score,
    reviewersPerApplication: perApplication,
    maxLoad,
  });
}
