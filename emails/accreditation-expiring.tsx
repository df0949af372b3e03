import { Text } from "@react-email/components";
import { formatDate } from "../app/domain/format";
import { EmailLayout } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type AccreditationExpiringProps = {
  name: string;
  organisationName: string;
  certificateNumber: string;
  validUntil: string;
  days: number;
  renewUrl: string;
};

export const accreditationExpiringSubject = ({ certificateNumber, days }: AccreditationExpiringProps) =>
  `Certificate ${certificateNumber} expires in ${days} days`;

export function AccreditationExpiring({ name, organisationName, certificateNumber, validUntil, days, renewUrl }: AccreditationExpiringProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Start the renewal", href: renewUrl }} preview={`Certificate ${certificateNumber} expires on ${formatDate(validUntil)}`} heading={`Your accreditation expires in ${days} days`}>
      <Text>
        The accreditation of {organisationName} (certificate {certificateNumber}) is valid until {formatDate(validUntil)}. After that date it reads as
        expired in the public directory and on the verify page.
      </Text>
      <Text>You can start a renewal now: it is prefilled with your accredited trainers, courses and syllabus mapping.</Text>
    </EmailLayout>
  );
}

AccreditationExpiring.PreviewProps = {
  ...PREVIEW_PROVIDER,
  validUntil: "2029-03-09",
  days: 90,
  renewUrl: "http://localhost:3000/provider/accreditations/00000000-0000-4000-8000-000000000000/renew",
} satisfies AccreditationExpiringProps;

export default AccreditationExpiring;
