import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type AccreditationSuspendedProps = { name: string; organisationName: string; certificateNumber: string; reason: string; verifyUrl: string };

export const accreditationSuspendedSubject = ({ certificateNumber }: AccreditationSuspendedProps) => `Certificate ${certificateNumber} is suspended`;

export function AccreditationSuspended({ name, organisationName, certificateNumber, reason, verifyUrl }: AccreditationSuspendedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "See the verify page", href: verifyUrl }} preview={`The accreditation of ${organisationName} is suspended`} heading="Your accreditation is suspended">
      <Text>
        Foundation staff have suspended the accreditation of {organisationName} (certificate {certificateNumber}). The reason given:
      </Text>
      <Written text={reason} quoted />
      <Text>
        While suspended, the public directory and the verify page show the certificate as suspended. Reply to the programme team
        to resolve it.
      </Text>
    </EmailLayout>
  );
}

AccreditationSuspended.PreviewProps = {
  ...PREVIEW_PROVIDER,
  reason: "Complaints about a course delivered without an accredited trainer, under investigation.",
  verifyUrl: "http://localhost:3000/verify/ACC-2026-0042",
} satisfies AccreditationSuspendedProps;

export default AccreditationSuspended;
