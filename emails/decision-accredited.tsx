import { Link, Text } from "@react-email/components";
import { formatDate } from "../app/domain/format";
import { EmailLayout } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type DecisionAccreditedProps = {
  name: string;
  organisationName: string;
  certificateNumber: string;
  validFrom: string;
  validUntil: string;
  conditions: string;
  verifyUrl: string;
  certificateUrl: string;
};

export const decisionAccreditedSubject = ({ certificateNumber }: DecisionAccreditedProps) => `Accredited: certificate ${certificateNumber}`;

export function DecisionAccredited({ name, organisationName, certificateNumber, validFrom, validUntil, conditions, verifyUrl, certificateUrl }: DecisionAccreditedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "See the certificate and its scope", href: certificateUrl }} preview={`${organisationName} is accredited: certificate ${certificateNumber}`} heading="Your organisation is accredited">
      <Text>
        The board has decided: {organisationName} is accredited. Your certificate number is <strong>{certificateNumber}</strong>, valid from{" "}
        {formatDate(validFrom)} until {formatDate(validUntil)}.
      </Text>
      {conditions ? <Text>The accreditation comes with these conditions: {conditions}</Text> : null}
      <Text>
        Anyone can check the certificate on its <Link href={verifyUrl}>public verify page</Link>.
      </Text>
    </EmailLayout>
  );
}

DecisionAccredited.PreviewProps = {
  ...PREVIEW_PROVIDER,
  validFrom: "2026-03-10",
  validUntil: "2029-03-09",
  conditions: "Add an assessed exercise on lifetimes to the intermediate course within six months.",
  verifyUrl: "http://localhost:3000/verify/ACC-2026-0042",
  certificateUrl: "http://localhost:3000/provider/accreditations/00000000-0000-4000-8000-000000000000/certificate",
} satisfies DecisionAccreditedProps;

export default DecisionAccredited;
