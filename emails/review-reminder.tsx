import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_REVIEWER } from "./components/preview";

export type ReviewReminderProps = { name: string; organisationName: string; dueDate: string; overdue: boolean; revision: number; reviewUrl: string };

export const reviewReminderSubject = ({ organisationName, overdue }: ReviewReminderProps) =>
  overdue ? `Overdue review: ${organisationName}` : `Review due soon: ${organisationName}`;

export function ReviewReminder({ name, organisationName, dueDate, overdue, revision, reviewUrl }: ReviewReminderProps) {
  return (
    <EmailLayout
      greet={name}
      action={{ label: "Continue the review", href: reviewUrl }}
      preview={overdue ? `Your review of ${organisationName} was due on ${dueDate}` : `Your review of ${organisationName} is due on ${dueDate}`}
      heading={overdue ? "Your review is overdue" : "Your review is due soon"}
    >
      <Text>
        {overdue
          ? `Your review of revision ${revision} of the application of ${organisationName} was due on ${dueDate} and has not been submitted yet.`
          : `Your review of revision ${revision} of the application of ${organisationName} is due on ${dueDate}.`}
      </Text>
      <Text>Your draft is saved as you go. If you cannot finish, tell the programme team so they can reassign it.</Text>
    </EmailLayout>
  );
}

ReviewReminder.PreviewProps = {
  ...PREVIEW_REVIEWER,
  dueDate: "14 March 2026",
  overdue: false,
  revision: 1,
  reviewUrl: "http://localhost:3000/review/00000000-0000-4000-8000-000000000000",
} satisfies ReviewReminderProps;

export default ReviewReminder;
