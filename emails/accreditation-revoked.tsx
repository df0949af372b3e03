import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type AccreditationRevokedProps = { name: string; organisationName: string; certificateNumber: string; reason: string };

export const accreditationRevokedSubject = ({ certificateNumber }: AccreditationRevokedProps) => `Certificate ${certificateNumber} is revoked`;

export function AccreditationRevoked({ name, organisationName, certificateNumber, reason }: AccreditationRevokedProps) {
  return (
    <EmailLayout greet={name} preview={`The accreditation of ${organisationName} is revoked`} heading="Your accreditation is revoked">
      <Text>The foundation has revoked the accreditation of {organisationName} (certificate {certificateNumber}). The reason given:</Text>
      <Written text={reason} quoted />
      <Text>
        Revocation is final: the certificate reads as revoked on the verify page and the organisation leaves the public directory. You may
        submit a new application in the future.
      </Text>
    </EmailLayout>
  );
}

AccreditationRevoked.PreviewProps = {
  ...PREVIEW_PROVIDER,
  reason: "Courses were advertised as accredited outside the accredited scope after a warning.",
} satisfies AccreditationRevokedProps;

export default AccreditationRevoked;
