import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_PROVIDER_CONTACT } from "./components/preview";

export type DecisionRejectedProps = { name: string; organisationName: string; rationale: string; dashboardUrl: string };

export const decisionRejectedSubject = ({ organisationName }: DecisionRejectedProps) => `Decision on the application of ${organisationName}`;

export function DecisionRejected({ name, organisationName, rationale, dashboardUrl }: DecisionRejectedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Go to your dashboard", href: dashboardUrl }} preview={`The board did not accredit ${organisationName}`} heading="Your application was not accredited">
      <Text>The board has decided not to accredit {organisationName} on this application. The board&apos;s rationale:</Text>
      <Written text={rationale} quoted />
      <Text>You may apply again once you have addressed these points.</Text>
    </EmailLayout>
  );
}

DecisionRejected.PreviewProps = {
  ...PREVIEW_PROVIDER_CONTACT,
  rationale: "The syllabus does not assess ownership and borrowing at the practised level; the trainers' experience is not documented.",
  dashboardUrl: "http://localhost:3000/provider",
} satisfies DecisionRejectedProps;

export default DecisionRejected;
