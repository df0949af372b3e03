import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_STAFF } from "./components/preview";

export type AllReviewsInProps = { name: string; organisationName: string; revision: number; reviewCount: number; applicationUrl: string };

export const allReviewsInSubject = ({ organisationName }: AllReviewsInProps) => `All reviews in: ${organisationName}`;

export function AllReviewsIn({ name, organisationName, revision, reviewCount, applicationUrl }: AllReviewsInProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Open the application", href: applicationUrl }} preview={`Every reviewer has submitted a review of ${organisationName}`} heading="All reviews are in">
      <Text>
        All {reviewCount} reviewers have submitted their review of revision {revision} of the application of {organisationName}. Read the
        aggregates, check flagged criteria, and forward the application to the board with your recommendation, or request changes.
      </Text>
    </EmailLayout>
  );
}

AllReviewsIn.PreviewProps = {
  ...PREVIEW_STAFF,
  revision: 1,
  reviewCount: 2,
  applicationUrl: "http://localhost:3000/admin/applications/00000000-0000-4000-8000-000000000000",
} satisfies AllReviewsInProps;

export default AllReviewsIn;
