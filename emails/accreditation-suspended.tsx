import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";

export type AccreditationSuspendedProps = { name: string; organisationName: string; certificateNumber: string; reason: string; verifyUrl: string };

export const accreditationSuspendedSubject = ({ certificateNumber }: AccreditationSuspendedProps) => `Certificate ${certificateNumber} is suspended`;

export function AccreditationSuspended({ name, organisationName, certificateNumber, reason, verifyUrl }: AccreditationSuspendedProps) {
  return (
    <EmailLayout action={{ label: "See the verify page", href: verifyUrl }} preview={`The accreditation of ${organisationName} is suspended`} heading="Your accreditation is suspended">
      <Text>Hello {name},</Text>
      <Text>
        Foundation staff have suspended the accreditation of {organisationName} (certificate {certificateNumber}). The reason given:
      </Text>
      <Text style={{ whiteSpace: "pre-wrap", borderLeft: "3px solid #d0d7de", paddingLeft: "12px" }}>{reason}</Text>
      <Text>
        While suspended, the public directory and the verify page show the certificate as suspended. Reply to the programme team
        to resolve it.
      </Text>
    </EmailLayout>
  );
}

AccreditationSuspended.PreviewProps = {
  name: "Ada",
  organisationName: "Ferris Training GmbH",
  certificateNumber: "ACC-2026-0042",
  reason: "Complaints about a course delivered without an accredited trainer, under investigation.",
  verifyUrl: "http://localhost:3000/verify/ACC-2026-0042",
} satisfies AccreditationSuspendedProps;

export default AccreditationSuspended;
