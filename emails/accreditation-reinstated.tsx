import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type AccreditationReinstatedProps = { name: string; organisationName: string; certificateNumber: string; verifyUrl: string };

export const accreditationReinstatedSubject = ({ certificateNumber }: AccreditationReinstatedProps) => `Certificate ${certificateNumber} is reinstated`;

export function AccreditationReinstated({ name, organisationName, certificateNumber, verifyUrl }: AccreditationReinstatedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "See the verify page", href: verifyUrl }} preview={`The accreditation of ${organisationName} is active again`} heading="Your accreditation is reinstated">
      <Text>
        The suspension of the accreditation of {organisationName} (certificate {certificateNumber}) has been lifted. The public directory and
        the verify page show it as active again.
      </Text>
    </EmailLayout>
  );
}

AccreditationReinstated.PreviewProps = {
  ...PREVIEW_PROVIDER,
  verifyUrl: "http://localhost:3000/verify/ACC-2026-0042",
} satisfies AccreditationReinstatedProps;

export default AccreditationReinstated;
