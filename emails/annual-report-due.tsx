import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type AnnualReportDueProps = {
  name: string;
  organisationName: string;
  certificateNumber: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  days: number;
  reportUrl: string;
};

export const annualReportDueSubject = ({ organisationName, days }: AnnualReportDueProps) => `Annual report of ${organisationName} due in ${days} days`;

export function AnnualReportDue({ name, organisationName, certificateNumber, periodStart, periodEnd, dueOn, days, reportUrl }: AnnualReportDueProps) {
  return (
    <EmailLayout greet={name} action={{ label: "File the annual report", href: reportUrl }} preview={`Due on ${dueOn}`} heading={`Your annual report is due in ${days} days`}>
      <Text>
        As part of the surveillance of accreditation {certificateNumber}, {organisationName} reports once a year on the courses it delivered, its
        learners, changes of trainers and syllabus, and complaints received. The report for {periodStart} to {periodEnd} is due on {dueOn}.
      </Text>
    </EmailLayout>
  );
}

AnnualReportDue.PreviewProps = {
  ...PREVIEW_PROVIDER,
  periodStart: "2026-03-10",
  periodEnd: "2027-03-09",
  dueOn: "2027-03-10",
  days: 30,
  reportUrl: "http://localhost:3000/provider/reports/00000000-0000-4000-8000-000000000000",
} satisfies AnnualReportDueProps;

export default AnnualReportDue;
