import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";

export type DecisionRejectedProps = { name: string; organisationName: string; rationale: string; dashboardUrl: string };

export const decisionRejectedSubject = ({ organisationName }: DecisionRejectedProps) => `Decision on the application of ${organisationName}`;

export function DecisionRejected({ name, organisationName, rationale, dashboardUrl }: DecisionRejectedProps) {
  return (
    <EmailLayout action={{ label: "Go to your dashboard", href: dashboardUrl }} preview={`The board did not accredit ${organisationName}`} heading="Your application was not accredited">
      <Text>Hello {name},</Text>
      <Text>The board has decided not to accredit {organisationName} on this application. The board&apos;s rationale:</Text>
      <Text style={{ whiteSpace: "pre-wrap", borderLeft: "3px solid #d0d7de", paddingLeft: "12px" }}>{rationale}</Text>
      <Text>You may apply again once you have addressed these points.</Text>
    </EmailLayout>
  );
}

DecisionRejected.PreviewProps = {
  name: "Ada",
  organisationName: "Ferris Training GmbH",
  rationale: "The syllabus does not assess ownership and borrowing at the practised level; the trainers' experience is not documented.",
  dashboardUrl: "http://localhost:3000/provider",
} satisfies DecisionRejectedProps;

export default DecisionRejected;
