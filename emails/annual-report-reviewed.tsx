import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type AnnualReportReviewedProps = {
  name: string;
  organisationName: string;
  certificateNumber: string;
  period: number;
  outcome: "accepted" | "follow_up_requested" | "suspension_proposed";
  note: string;
  reportUrl: string;
};

const HEADINGS: Record<AnnualReportReviewedProps["outcome"], string> = {
  accepted: "Your annual report was accepted",
  follow_up_requested: "Your annual report needs a follow-up",
  suspension_proposed: "Suspension of your accreditation is proposed",
};

export const annualReportReviewedSubject = ({ organisationName, outcome }: AnnualReportReviewedProps) => `${HEADINGS[outcome]}: ${organisationName}`;

export function AnnualReportReviewed({ name, organisationName, certificateNumber, period, outcome, note, reportUrl }: AnnualReportReviewedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Open the report", href: reportUrl }} preview={HEADINGS[outcome]} heading={HEADINGS[outcome]}>
      <Text>
        The programme team reviewed the annual report of {organisationName} for year {period} of accreditation {certificateNumber}.
        {outcome === "follow_up_requested" ? " Please answer the points below and file the report again." : ""}
        {outcome === "suspension_proposed" ? " The team will decide on a suspension; you will hear from them before anything changes." : ""}
      </Text>
      <Written text={note} />
    </EmailLayout>
  );
}

AnnualReportReviewed.PreviewProps = {
  ...PREVIEW_PROVIDER,
  period: 1,
  outcome: "follow_up_requested",
  note: "Please list the trainers who left and who replaced them.",
  reportUrl: "http://localhost:3000/provider/reports/00000000-0000-4000-8000-000000000000",
} satisfies AnnualReportReviewedProps;

export default AnnualReportReviewed;
