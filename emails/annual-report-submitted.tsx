import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_STAFF } from "./components/preview";

export type AnnualReportSubmittedProps = { name: string; organisationName: string; certificateNumber: string; period: number; reviewUrl: string };

export const annualReportSubmittedSubject = ({ organisationName }: AnnualReportSubmittedProps) => `Annual report to review: ${organisationName}`;

export function AnnualReportSubmitted({ name, organisationName, certificateNumber, period, reviewUrl }: AnnualReportSubmittedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Review the report", href: reviewUrl }} preview={`${organisationName} filed its report for year ${period}`} heading="An annual report waits for review">
      <Text>
        {organisationName} filed its annual report for year {period} of accreditation {certificateNumber}. Accept it, ask for a follow-up or propose
        suspension.
      </Text>
    </EmailLayout>
  );
}

AnnualReportSubmitted.PreviewProps = {
  ...PREVIEW_STAFF,
  certificateNumber: "ACC-2026-0042",
  period: 1,
  reviewUrl: "http://localhost:3000/admin/reports/00000000-0000-4000-8000-000000000000",
} satisfies AnnualReportSubmittedProps;

export default AnnualReportSubmitted;
