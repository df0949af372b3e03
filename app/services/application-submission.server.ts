/** Submitting, resubmitting and withdrawing an application, and the frozen snapshot each submission keeps. */
import { and, eq, isNull } from "drizzle-orm";
import { applicationRevisions, changeRequests, type Declarations } from "../../db/schema";
import { membershipOf, type SessionUser } from "~/domain/policy";
import { missingItems, type MissingItem } from "~/domain/completeness";
import type { Depth, Level } from "~/domain/coverage";
import { config } from "~/config.server";
import type { Database } from "./db.server";
import { staffRecipients } from "./recipients.server";
import { moveApplication } from "./transition.server";
import { now } from "./clock.server";
import { enqueueEmail } from "./emails.server";
import { attempt, refuse, refused, Refusal, type Outcome, type Refused } from "~/domain/outcome";
import { completenessInput, loadApplicationData, readApplication, type ApplicationData } from "./applications.server";
import type { ApplicationKind } from "../../db/schema/enums";

/** The frozen content of one submission. Reviewers read it; revision diffs compare two of them. */
export type ApplicationSnapshot = {
  application: { id: string; kind: ApplicationKind; frameworkId: string; rubricId: string | null };
  organisation: { id: string; slug: string; displayName: string; legalName: string; website: string | null; country: string | null; description: string; contactEmail: string | null };
  trainers: { id: string; name: string; qualifications: string; certifications: string; yearsExperience: number; links: string[] }[];
  courses: {
    id: string;
    title: string;
    level: Level;
    description: string;
    totalHours: number;
    deliveryModes: string[];
    languages: string[];
    regions: string[];
    modules: {
      id: string;
      title: string;
      learningOutcomes: string;
      hours: number;
      mappings: { mappingId: string; competencyId: string; code: string; title: string; depth: Depth }[];
    }[];
  }[];
  documents: { id: string; kind: string; filename: string; size: number; sha256: string }[];
  declarations: Declarations | null;
};

export async function buildSnapshot(db: Database, applicationId: string): Promise<ApplicationSnapshot> {
  return snapshotOf(await loadApplicationData(db, applicationId));
}

/** A course's own fields (its modules apart), as a submission freezes them and as the applicant edits them. */
export function courseFields(c: ApplicationData["courses"][number]) {
  return { id: c.id, title: c.title, level: c.level, description: c.description, totalHours: c.totalHours, deliveryModes: c.deliveryModes, languages: c.languages, regions: c.regions };
}

function snapshotOf(data: ApplicationData): ApplicationSnapshot {
  const { application: a, organisation: o } = data;
  return {
    application: { id: a.id, kind: a.kind, frameworkId: a.frameworkId, rubricId: a.rubricId },
    organisation: { id: o.id, slug: o.slug, displayName: o.displayName, legalName: o.legalName, website: o.website, country: o.country, description: o.description, contactEmail: o.contactEmail },
    trainers: data.trainers.map((t) => ({ id: t.id, name: t.name, qualifications: t.qualifications, certifications: t.certifications, yearsExperience: t.yearsExperience, links: t.links })),
    courses: data.courses.map((c) => ({
      ...courseFields(c),
      modules: c.modules.map((m) => ({
        id: m.id,
        title: m.title,
        learningOutcomes: m.learningOutcomes,
        hours: m.hours,
        mappings: m.mappings.map((mp) => ({ mappingId: mp.id, competencyId: mp.competencyId, code: mp.code, title: mp.title, depth: mp.depth })),
      })),
    })),
    documents: data.documents.map((d) => ({ id: d.id, kind: d.kind, filename: d.filename, size: d.size, sha256: d.sha256 })),
    declarations: a.declarations,
  };
}

// ---- transitions -------------------------------------------------------------------------------

/** Why an account whose email address is not confirmed cannot submit, and what to do. */
export const unverifiedSubmitter = (email: string) =>
  `Confirm your email address before you submit: open the link we sent to ${email}, or ask for a new one on the email confirmation page.`;

const ALREADY_SUBMITTED = "This application was already submitted — someone else submitted it first. Reload to see its status.";

/**
 * Submit (from draft) or resubmit (from changes requested, with a written response): one transaction
 * that checks completeness, moves the status with compare-and-set, freezes revision N, records the audit
 * event and enqueues the emails.
 */
export function submitApplication(
  db: Database,
  user: SessionUser,
  applicationId: string,
  input: { response?: string } = {},
): Promise<Outcome<{ revision: number }> | Incomplete> {
  return attempt(() =>
    db.transaction(async (tx) => {
      // The one read of the application: access, the state table and the snapshot all use it.
      const row = await readApplication(tx, applicationId);
      const orgRole = row ? membershipOf(user, row.application.organisationId) : null;
      if (!row || !orgRole) refuse(404, "Not found");
      const app = row.application;
      const action = app.status === "changes_requested" ? "resubmit" : "submit";
      const response = input.response?.trim() ?? "";
      // The compare-and-set on the status makes this the only move from it, so the revision is the next one.
      const revision = app.currentRevision + 1;
      // One instant for the application's submission times and the revision's.
      const submittedAt = now();
      let data: ApplicationData | undefined;
      const { at } = await moveApplication(tx, app, {
        action,
        role: orgRole === "owner" ? "provider_owner" : "provider_member",
        actorId: user.id,
        // The first submission is kept as it was; a resubmission moves only the latest (decision 061).
        set: { currentRevision: revision, submittedAt, ...(revision === 1 ? { firstSubmittedAt: submittedAt } : {}) },
        audit: { action: action === "resubmit" ? "application.resubmitted" : "application.submitted", data: { revision } },
        messages: { notAllowed: app.status === "submitted" ? ALREADY_SUBMITTED : undefined, raceLost: ALREADY_SUBMITTED },
        check: async () => {
          // The foundation writes to the submitter about the application: their address must be known to work.
          if (!user.emailVerified) refuse(409, unverifiedSubmitter(user.email));
          if (action === "resubmit" && response === "") {
            refuse(400, "Write a response to the change request before resubmitting.", { response: "Write what you changed in response to the change request" });
          }
          data = await loadApplicationData(tx, applicationId, row);
          const missing = missingItems(completenessInput(data));
          if (missing.length > 0) {
            const incomplete: Incomplete = { ...refused(400, "The application is not complete yet."), missing };
            throw new Refusal(incomplete);
          }
        },
      });
      if (!data) throw new Error("The submission's checks did not load the application");

      await tx.insert(applicationRevisions).values({
        applicationId,
        number: revision,
        snapshot: snapshotOf(data),
        response: action === "resubmit" ? response : null,
        submittedBy: user.id,
        submittedAt,
      });
      if (action === "resubmit") {
        await tx
          .update(changeRequests)
          .set({ response, respondedAt: at })
          .where(and(eq(changeRequests.applicationId, applicationId), isNull(changeRequests.respondedAt)));
      }

      const appUrl = config().appUrl;
      const common = { organisationName: data.organisation.displayName, revision, resubmission: action === "resubmit" };
      const providerTo = new Set([user.email.toLowerCase()]);
      if (data.organisation.contactEmail) providerTo.add(data.organisation.contactEmail.toLowerCase());
      for (const to of providerTo) {
        await enqueueEmail(tx, {
          template: "application-received",
          to,
          props: { ...common, name: to === user.email.toLowerCase() ? user.name : data.organisation.displayName, applicationUrl: `${appUrl}/provider/applications/${applicationId}` },
          idempotencyKey: `application-received:${applicationId}:${revision}:${to}`,
        });
      }
      const staff = await staffRecipients(tx);
      for (const s of staff) {
        await enqueueEmail(tx, {
          template: "new-submission",
          to: s.email,
          props: { ...common, name: s.name, applicationUrl: `${appUrl}/admin/applications/${applicationId}` },
          idempotencyKey: `new-submission:${applicationId}:${revision}:${s.email.toLowerCase()}`,
        });
      }
      return { revision };
    }),
  );
}

/** An incomplete submission's refusal also lists what is missing, for the checklist beside the form. */
type Incomplete = Refused & { missing: MissingItem[] };

/** The owner withdraws the application, from any state before a decision. */
export function withdrawApplication(db: Database, user: SessionUser, applicationId: string): Promise<Outcome> {
  return attempt(() =>
    db.transaction(async (tx) => {
      const row = await readApplication(tx, applicationId);
      const orgRole = row ? membershipOf(user, row.application.organisationId) : null;
      if (!row || !orgRole) refuse(404, "Not found");
      await moveApplication(tx, row.application, {
        action: "withdraw",
        role: orgRole === "owner" ? "provider_owner" : "provider_member",
        actorId: user.id,
        audit: { action: "application.withdrawn" },
        messages: {
          notAllowed: orgRole === "owner" ? undefined : "Only an owner of the organisation can withdraw an application.",
          raceLost: "The application's status changed while you were deciding — reload and try again.",
        },
      });
      return undefined;
    }),
  );
}
