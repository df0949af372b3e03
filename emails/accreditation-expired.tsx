import { Text } from "@react-email/components";
import { formatDate } from "../app/domain/format";
import { EmailLayout } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type AccreditationExpiredProps = { name: string; organisationName: string; certificateNumber: string; validUntil: string; dashboardUrl: string };

export const accreditationExpiredSubject = ({ certificateNumber }: AccreditationExpiredProps) => `Certificate ${certificateNumber} has expired`;

export function AccreditationExpired({ name, organisationName, certificateNumber, validUntil, dashboardUrl }: AccreditationExpiredProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Go to your dashboard", href: dashboardUrl }} preview={`Certificate ${certificateNumber} expired after ${formatDate(validUntil)}`} heading="Your accreditation has expired">
      <Text>
        The accreditation of {organisationName} (certificate {certificateNumber}) was valid until {formatDate(validUntil)}. It now reads as expired in
        the public directory and on the verify page.
      </Text>
      <Text>To be accredited again, start a new application from your dashboard.</Text>
    </EmailLayout>
  );
}

AccreditationExpired.PreviewProps = {
  ...PREVIEW_PROVIDER,
  validUntil: "2029-03-09",
  dashboardUrl: "http://localhost:3000/provider",
} satisfies AccreditationExpiredProps;

export default AccreditationExpired;
