import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_COMPLAINANT } from "./components/preview";

export type ComplaintConfirmProps = { name: string; organisationName: string; statusUrl: string; confirmWithinHours: number };

export const complaintConfirmSubject = ({ organisationName }: ComplaintConfirmProps) => `Confirm your complaint about ${organisationName}`;

export function ComplaintConfirm({ name, organisationName, statusUrl, confirmWithinHours }: ComplaintConfirmProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Confirm my complaint", href: statusUrl }} preview="Confirm your email address so the foundation can look into your complaint" heading="Confirm your complaint">
      <Text>
        We received a complaint about {organisationName} sent with this email address. Open the link below and confirm it; only then does it reach the
        programme team. If you did not send it, ignore this email and nothing happens.
      </Text>
      <Text>
        The link works for {confirmWithinHours} hours. Keep this email: the same link shows your complaint&apos;s progress later. It is private to you.
      </Text>
    </EmailLayout>
  );
}

ComplaintConfirm.PreviewProps = {
  ...PREVIEW_COMPLAINANT,
  statusUrl: "http://localhost:3000/complaints/abc123",
  confirmWithinHours: 72,
} satisfies ComplaintConfirmProps;

export default ComplaintConfirm;
