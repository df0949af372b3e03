import type { ComponentProps, ComponentType } from "react";
import { render } from "@react-email/render";
import { randomUUID } from "node:crypto";
import { emailOutbox } from "../../db/schema";
import type { Database } from "./db.server";
import { now } from "./clock.server";
import { VerifyEmail, verifyEmailSubject } from "../../emails/verify-email";
import { ResetPassword, resetPasswordSubject } from "../../emails/reset-password";
import { Invitation, invitationSubject } from "../../emails/invitation";
import { ApplicationReceived, applicationReceivedSubject } from "../../emails/application-received";
import { NewSubmission, newSubmissionSubject } from "../../emails/new-submission";
import { ReviewerAssigned, reviewerAssignedSubject } from "../../emails/reviewer-assigned";
import { ChangesRequested, changesRequestedSubject } from "../../emails/changes-requested";
import { ReviewReminder, reviewReminderSubject } from "../../emails/review-reminder";
import { AllReviewsIn, allReviewsInSubject } from "../../emails/all-reviews-in";
import { DisputeResolved, disputeResolvedSubject } from "../../emails/dispute-resolved";
import { VoteRequested, voteRequestedSubject } from "../../emails/vote-requested";
import { DecisionAccredited, decisionAccreditedSubject } from "../../emails/decision-accredited";
import { DecisionRejected, decisionRejectedSubject } from "../../emails/decision-rejected";
import { AccreditationExpiring, accreditationExpiringSubject } from "../../emails/accreditation-expiring";
import { AccreditationExpired, accreditationExpiredSubject } from "../../emails/accreditation-expired";
import { AccreditationSuspended, accreditationSuspendedSubject } from "../../emails/accreditation-suspended";
import { AccreditationReinstated, accreditationReinstatedSubject } from "../../emails/accreditation-reinstated";
import { AccreditationRevoked, accreditationRevokedSubject } from "../../emails/accreditation-revoked";
import { ProfileChangeDecided, profileChangeDecidedSubject } from "../../emails/profile-change-decided";
import { AnnualReportDue, annualReportDueSubject } from "../../emails/annual-report-due";
import { AnnualReportSubmitted, annualReportSubmittedSubject } from "../../emails/annual-report-submitted";
import { AnnualReportReviewed, annualReportReviewedSubject } from "../../emails/annual-report-reviewed";
import { ScopeChangeRequested, scopeChangeRequestedSubject } from "../../emails/scope-change-requested";
import { ScopeChangeDecided, scopeChangeDecidedSubject } from "../../emails/scope-change-decided";
import { MaterialChangeReported, materialChangeReportedSubject } from "../../emails/material-change-reported";
import { MaterialChangeReviewed, materialChangeReviewedSubject } from "../../emails/material-change-reviewed";
import { RemapTask, remapTaskSubject } from "../../emails/remap-task";
import { ComplaintConfirm, complaintConfirmSubject } from "../../emails/complaint-confirm";
import { ComplaintUpdate, complaintUpdateSubject } from "../../emails/complaint-update";
import { ComplaintStaffNotice, complaintStaffNoticeSubject } from "../../emails/complaint-staff-notice";
import { ComplaintResponseRequested, complaintResponseRequestedSubject } from "../../emails/complaint-response-requested";
import { AppealUpdate, appealUpdateSubject } from "../../emails/appeal-update";

type Template<P> = { component: ComponentType<P>; subject: (props: P) => string };
function template<P>(component: ComponentType<P>, subject: (props: P) => string): Template<P> {
  // A subject is one header line: whatever a name carried in, no line break can start another header.
  return { component, subject: (props) => oneLine(subject(props)) };
}

/** Every email the portal sends. Add a template here and it can be enqueued, rendered and previewed. */
export const emailTemplates = {
  "verify-email": template(VerifyEmail, verifyEmailSubject),
  "reset-password": template(ResetPassword, resetPasswordSubject),
  "application-received": template(ApplicationReceived, applicationReceivedSubject),
  "new-submission": template(NewSubmission, newSubmissionSubject),
  invitation: template(Invitation, invitationSubject),
  "reviewer-assigned": template(ReviewerAssigned, reviewerAssignedSubject),
  "changes-requested": template(ChangesRequested, changesRequestedSubject),
  "review-reminder": template(ReviewReminder, reviewReminderSubject),
  "all-reviews-in": template(AllReviewsIn, allReviewsInSubject),
  "dispute-resolved": template(DisputeResolved, disputeResolvedSubject),
  "vote-requested": template(VoteRequested, voteRequestedSubject),
  "decision-accredited": template(DecisionAccredited, decisionAccreditedSubject),
  "decision-rejected": template(DecisionRejected, decisionRejectedSubject),
  "accreditation-expiring": template(AccreditationExpiring, accreditationExpiringSubject),
  "accreditation-expired": template(AccreditationExpired, accreditationExpiredSubject),
  "accreditation-suspended": template(AccreditationSuspended, accreditationSuspendedSubject),
  "accreditation-reinstated": template(AccreditationReinstated, accreditationReinstatedSubject),
  "accreditation-revoked": template(AccreditationRevoked, accreditationRevokedSubject),
  "profile-change-decided": template(ProfileChangeDecided, profileChangeDecidedSubject),
  "annual-report-due": template(AnnualReportDue, annualReportDueSubject),
  "annual-report-submitted": template(AnnualReportSubmitted, annualReportSubmittedSubject),
  "annual-report-reviewed": template(AnnualReportReviewed, annualReportReviewedSubject),
  "scope-change-requested": template(ScopeChangeRequested, scopeChangeRequestedSubject),
  "scope-change-decided": template(ScopeChangeDecided, scopeChangeDecidedSubject),
  "material-change-reported": template(MaterialChangeReported, materialChangeReportedSubject),
  "material-change-reviewed": template(MaterialChangeReviewed, materialChangeReviewedSubject),
  "remap-task": template(RemapTask, remapTaskSubject),
  "complaint-confirm": template(ComplaintConfirm, complaintConfirmSubject),
  "complaint-update": template(ComplaintUpdate, complaintUpdateSubject),
  "complaint-staff-notice": template(ComplaintStaffNotice, complaintStaffNoticeSubject),
  "complaint-response-requested": template(ComplaintResponseRequested, complaintResponseRequestedSubject),
  "appeal-update": template(AppealUpdate, appealUpdateSubject),
};

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailProps<N extends EmailTemplateName> = ComponentProps<(typeof emailTemplates)[N]["component"]>;

// eslint-disable-next-line no-control-regex -- control characters and line separators are what is removed
const oneLine = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();

function isTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(emailTemplates, name);
}

export async function renderEmail(name: string, props: Record<string, unknown>) {
  if (!isTemplateName(name)) throw new Error(`Unknown email template: ${name}`);
  // Props were type-checked when the email was enqueued; the row stores them as JSON.
  const t = emailTemplates[name] as unknown as Template<Record<string, unknown>>;
  const Component = t.component;
  const element = <Component {...props} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: t.subject(props), html, text };
}

/**
 * Write an email to the outbox inside the caller's transaction. With an idempotency key that already
 * exists (a reminder already enqueued), nothing is written and false is returned.
 */
export async function enqueueEmail<N extends EmailTemplateName>(
  tx: Database,
  input: { template: N; to: string; props: EmailProps<N>; idempotencyKey?: string },
): Promise<boolean> {
  const t = emailTemplates[input.template] as unknown as Template<EmailProps<N>>;
  const rows = await tx
    .insert(emailOutbox)
    .values({
      template: input.template,
      to: input.to,
      subject: t.subject(input.props),
      props: input.props as Record<string, unknown>,
      idempotencyKey: input.idempotencyKey ?? `${input.template}:${randomUUID()}`,
      nextAttemptAt: now(),
      createdAt: now(),
    })
    .onConflictDoNothing({ target: emailOutbox.idempotencyKey })
    .returning({ id: emailOutbox.id });
  return rows.length > 0;
}

/**
 * The same email to each person, greeted by name, inside the caller's transaction; each person's copy is written
 * once (`idempotencyKey` names the event, the person's id completes it).
 */
export async function enqueueEmailEach<N extends EmailTemplateName>(
  tx: Database,
  people: readonly { id: string; name: string; email: string }[],
  input: { template: N; props: Omit<EmailProps<N>, "name">; idempotencyKey: string },
) {
  for (const person of people) {
    // Omit<P, "name"> with the name put back is P; TypeScript cannot see that for a generic template's props.
    const props = { ...input.props, name: person.name } as EmailProps<N>;
    await enqueueEmail(tx, { template: input.template, to: person.email, props, idempotencyKey: `${input.idempotencyKey}:${person.id}` });
  }
}
