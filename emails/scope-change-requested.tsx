import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_STAFF } from "./components/preview";

export type ScopeChangeRequestedProps = {
  name: string;
  organisationName: string;
  certificateNumber: string;
  kind: "extension" | "reduction";
  combinations: number;
  reviewUrl: string;
};

const WORD = { extension: "an extension", reduction: "a reduction" } as const;

export const scopeChangeRequestedSubject = ({ organisationName, kind }: ScopeChangeRequestedProps) => `Scope ${kind} to decide: ${organisationName}`;

export function ScopeChangeRequested({ name, organisationName, certificateNumber, kind, combinations, reviewUrl }: ScopeChangeRequestedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Decide on the change", href: reviewUrl }} preview={`${organisationName} asks for ${WORD[kind]} of its scope`} heading="A scope change waits for a decision">
      <Text>
        {organisationName} asks for {WORD[kind]} of the scope of accreditation {certificateNumber} ({combinations} course offering
        {combinations === 1 ? "" : "s"}). Approve it to apply it and reissue the credential, or decline it with a reason.
      </Text>
    </EmailLayout>
  );
}

ScopeChangeRequested.PreviewProps = {
  ...PREVIEW_STAFF,
  certificateNumber: "ACC-2026-0042",
  kind: "extension",
  combinations: 2,
  reviewUrl: "http://localhost:3000/admin/scope-changes/00000000-0000-4000-8000-000000000000",
} satisfies ScopeChangeRequestedProps;

export default ScopeChangeRequested;
