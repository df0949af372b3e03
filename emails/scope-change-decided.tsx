import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type ScopeChangeDecidedProps = {
  name: string;
  organisationName: string;
  certificateNumber: string;
  kind: "extension" | "reduction";
  outcome: "approved" | "declined";
  note: string;
  scopeUrl: string;
};

const HEADINGS = {
  approved: { extension: "Your scope extension was approved", reduction: "Your scope reduction was applied" },
  declined: { extension: "Your scope extension was declined", reduction: "Your scope reduction was declined" },
} as const;

export const scopeChangeDecidedSubject = ({ organisationName, kind, outcome }: ScopeChangeDecidedProps) => `${HEADINGS[outcome][kind]}: ${organisationName}`;

export function ScopeChangeDecided({ name, organisationName, certificateNumber, kind, outcome, note, scopeUrl }: ScopeChangeDecidedProps) {
  const heading = HEADINGS[outcome][kind];
  return (
    <EmailLayout greet={name} action={{ label: "See the scope", href: scopeUrl }} preview={heading} heading={heading}>
      <Text>
        {outcome === "approved"
          ? `The scope of accreditation ${certificateNumber} of ${organisationName} has changed. A new credential was issued and the previous one is no longer valid: download the new one and replace any copy you published. The directory shows the new scope.`
          : `The programme team declined the requested ${kind} of the scope of accreditation ${certificateNumber} of ${organisationName}. The scope stays as it was.`}
      </Text>
      <Written text={note} />
    </EmailLayout>
  );
}

ScopeChangeDecided.PreviewProps = {
  ...PREVIEW_PROVIDER,
  kind: "extension",
  outcome: "approved",
  note: "",
  scopeUrl: "http://localhost:3000/provider/accreditations/00000000-0000-4000-8000-000000000000/scope",
} satisfies ScopeChangeDecidedProps;

export default ScopeChangeDecided;
