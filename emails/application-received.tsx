import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";

export type ApplicationReceivedProps = { name: string; organisationName: string; revision: number; resubmission: boolean; applicationUrl: string };

export const applicationReceivedSubject = ({ organisationName, resubmission }: ApplicationReceivedProps) =>
  resubmission ? `We received ${organisationName}'s resubmitted application` : `We received ${organisationName}'s application`;

export function ApplicationReceived({ name, organisationName, revision, resubmission, applicationUrl }: ApplicationReceivedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "See the application", href: applicationUrl }} preview={`Application received: revision ${revision}`} heading={resubmission ? "Resubmission received" : "Application received"}>
      <Text>
        Thank you: the accreditation application of {organisationName} was {resubmission ? "resubmitted" : "submitted"} and is frozen as
        revision {revision}. The foundation&apos;s programme team will screen it and assign reviewers; you will hear from us by email at each step.
      </Text>
      <Text>While it is with us the application cannot be edited. If we need changes, we will say exactly what, and you can then edit and resubmit.</Text>
    </EmailLayout>
  );
}

ApplicationReceived.PreviewProps = {
  name: "Ada",
  organisationName: "Ferris Training",
  revision: 1,
  resubmission: false,
  applicationUrl: "http://localhost:3000/provider/applications/00000000-0000-4000-8000-000000000000",
} satisfies ApplicationReceivedProps;

export default ApplicationReceived;
