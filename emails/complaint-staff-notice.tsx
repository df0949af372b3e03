import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_STAFF } from "./components/preview";

export type ComplaintStaffNoticeProps = { name: string; organisationName: string; headline: string; detail: string; complaintUrl: string };

export const complaintStaffNoticeSubject = ({ organisationName, headline }: ComplaintStaffNoticeProps) => `Complaint about ${organisationName}: ${headline}`;

export function ComplaintStaffNotice({ name, organisationName, headline, detail, complaintUrl }: ComplaintStaffNoticeProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Open the complaint", href: complaintUrl }} preview={`Complaint about ${organisationName}: ${headline}`} heading={headline}>
      <Text>{detail}</Text>
    </EmailLayout>
  );
}

ComplaintStaffNotice.PreviewProps = {
  ...PREVIEW_STAFF,
  headline: "New complaint to triage",
  detail: "A complaint was confirmed by its sender. Accept it for investigation or mark it not in scope within 5 days.",
  complaintUrl: "http://localhost:3000/admin/complaints/00000000-0000-0000-0000-000000000000",
} satisfies ComplaintStaffNoticeProps;

export default ComplaintStaffNotice;
