import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";

export type AccreditationRevokedProps = { name: string; organisationName: string; certificateNumber: string; reason: string };

export const accreditationRevokedSubject = ({ certificateNumber }: AccreditationRevokedProps) => `Certificate ${certificateNumber} is revoked`;

export function AccreditationRevoked({ name, organisationName, certificateNumber, reason }: AccreditationRevokedProps) {
  return (
    <EmailLayout preview={`The accreditation of ${organisationName} is revoked`} heading="Your accreditation is revoked">
      <Text>Hello {name},</Text>
      <Text>The foundation has revoked the accreditation of {organisationName} (certificate {certificateNumber}). The reason given:</Text>
      <Text style={{ whiteSpace: "pre-wrap", borderLeft: "3px solid #d0d7de", paddingLeft: "12px" }}>{reason}</Text>
      <Text>
        Revocation is final: the certificate reads as revoked on the verify page and the organisation leaves the public directory. You may
        submit a new application in the future.
      </Text>
    </EmailLayout>
  );
}

AccreditationRevoked.PreviewProps = {
  name: "Ada",
  organisationName: "Ferris Training GmbH",
  certificateNumber: "ACC-2026-0042",
  reason: "Courses were advertised as accredited outside the accredited scope after a warning.",
} satisfies AccreditationRevokedProps;

export default AccreditationRevoked;
