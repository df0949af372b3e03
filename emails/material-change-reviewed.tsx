import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type MaterialChangeReviewedProps = {
  name: string;
  organisationName: string;
  certificateNumber: string;
  outcome: "acknowledged" | "follow_up_requested" | "suspension_proposed" | "delta_review_opened";
  note: string;
  changesUrl: string;
  /** A delta review (decision 045): the application holding copies of the courses to revise. */
  applicationUrl?: string;
};

const HEADINGS: Record<MaterialChangeReviewedProps["outcome"], string> = {
  acknowledged: "Your reported change was acknowledged",
  follow_up_requested: "Your reported change needs a follow-up",
  suspension_proposed: "Suspension of your accreditation is proposed",
  delta_review_opened: "Your reported change opens a delta review",
};

export const materialChangeReviewedSubject = ({ organisationName, outcome }: MaterialChangeReviewedProps) => `${HEADINGS[outcome]}: ${organisationName}`;

export function MaterialChangeReviewed({ name, organisationName, certificateNumber, outcome, note, changesUrl, applicationUrl }: MaterialChangeReviewedProps) {
  const action = applicationUrl ? { label: "Revise the courses", href: applicationUrl } : { label: "Open the reported changes", href: changesUrl };
  return (
    <EmailLayout greet={name} action={action} preview={HEADINGS[outcome]} heading={HEADINGS[outcome]}>
      <Text>
        The programme team reviewed the change {organisationName} reported for accreditation {certificateNumber}.
        {outcome === "follow_up_requested" ? " Please answer the question below." : ""}
        {outcome === "suspension_proposed" ? " The team will decide on a suspension; you will hear from them before anything changes." : ""}
        {outcome === "delta_review_opened"
          ? " The team opened a short delta review of the accredited course(s) the change touches. Revise the copies in the application, then submit it: reviewers score those courses only, and the board decides. Until then your accreditation stands as it is."
          : ""}
      </Text>
      <Written text={note} />
    </EmailLayout>
  );
}

MaterialChangeReviewed.PreviewProps = {
  ...PREVIEW_PROVIDER,
  outcome: "follow_up_requested",
  note: "Who teaches the async module now?",
  changesUrl: "http://localhost:3000/provider/accreditations/00000000-0000-4000-8000-000000000000/changes",
} satisfies MaterialChangeReviewedProps;

export default MaterialChangeReviewed;
