import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";

export type NewSubmissionProps = { name: string; organisationName: string; revision: number; resubmission: boolean; applicationUrl: string };

export const newSubmissionSubject = ({ organisationName, resubmission, revision }: NewSubmissionProps) =>
  resubmission ? `Resubmission: ${organisationName} (revision ${revision})` : `New application: ${organisationName}`;

export function NewSubmission({ name, organisationName, revision, resubmission, applicationUrl }: NewSubmissionProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Open the application", href: applicationUrl }} preview={`${organisationName} submitted revision ${revision}`} heading={resubmission ? "An application was resubmitted" : "A new application arrived"}>
      <Text>
        {organisationName} {resubmission ? "resubmitted its application after a change request" : "submitted an accreditation application"} (revision {revision}).
        It is waiting for screening and reviewer assignment.
      </Text>
    </EmailLayout>
  );
}

NewSubmission.PreviewProps = {
  name: "Grace",
  organisationName: "Ferris Training",
  revision: 1,
  resubmission: false,
  applicationUrl: "http://localhost:3000/admin/applications/00000000-0000-4000-8000-000000000000",
} satisfies NewSubmissionProps;

export default NewSubmission;
