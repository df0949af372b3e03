import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_STAFF } from "./components/preview";

export type MaterialChangeReportedProps = { name: string; organisationName: string; certificateNumber: string; kind: string; reviewUrl: string };

const KINDS: Record<string, string> = {
  trainer_left: "a trainer left",
  trainer_joined: "a trainer joined",
  ownership: "its ownership or control changed",
  legal_name: "its legal name changed",
  address: "its address or premises changed",
  syllabus: "a syllabus changed",
};

export const materialChangeReportedSubject = ({ organisationName }: MaterialChangeReportedProps) => `Material change to review: ${organisationName}`;

export function MaterialChangeReported({ name, organisationName, certificateNumber, kind, reviewUrl }: MaterialChangeReportedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Review the change", href: reviewUrl }} preview={`${organisationName} reported a change`} heading="A material change waits for review">
      <Text>
        {organisationName} reports that {KINDS[kind] ?? "something changed"} (accreditation {certificateNumber}). Acknowledge it, ask a follow-up question or
        propose suspension.
      </Text>
    </EmailLayout>
  );
}

MaterialChangeReported.PreviewProps = {
  ...PREVIEW_STAFF,
  certificateNumber: "ACC-2026-0042",
  kind: "trainer_left",
  reviewUrl: "http://localhost:3000/admin/material-changes/00000000-0000-4000-8000-000000000000",
} satisfies MaterialChangeReportedProps;

export default MaterialChangeReported;
