import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_REVIEWER } from "./components/preview";

export type ReviewerAssignedProps = { name: string; organisationName: string; dueDate: string; queueUrl: string };

export const reviewerAssignedSubject = ({ organisationName }: ReviewerAssignedProps) => `Review requested: ${organisationName}`;

export function ReviewerAssigned({ name, organisationName, dueDate, queueUrl }: ReviewerAssignedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Open my review queue", href: queueUrl }} preview={`You have been asked to review the application of ${organisationName}, due ${dueDate}`} heading="You have a review to accept">
      <Text>
        The programme team asks you to review the accreditation application of {organisationName}. The review is due on {dueDate}.
      </Text>
      <Text>
        Before you can read the application, open your review queue and either accept, declaring that you have no conflict of interest,
        or decline, describing the conflict.
      </Text>
    </EmailLayout>
  );
}

ReviewerAssigned.PreviewProps = {
  ...PREVIEW_REVIEWER,
  dueDate: "14 March 2026",
  queueUrl: "http://localhost:3000/review",
} satisfies ReviewerAssignedProps;

export default ReviewerAssigned;
