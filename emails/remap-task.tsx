import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_PROVIDER } from "./components/preview";

export type RemapTaskProps = {
  name: string;
  organisationName: string;
  certificateNumber: string;
  kind: "opened" | "reminder" | "completed";
  frameworkVersion: number;
  /** Modules to map again when the task opened. */
  toMap: number;
  dueOn: string;
  taskUrl: string;
};

const HEADINGS: Record<RemapTaskProps["kind"], (p: RemapTaskProps) => string> = {
  opened: (p) => `Map your courses to framework version ${p.frameworkVersion}`,
  reminder: (p) => `Re-mapping to framework version ${p.frameworkVersion} is due on ${p.dueOn}`,
  completed: (p) => `Your courses are mapped to framework version ${p.frameworkVersion}`,
};

export const remapTaskSubject = (p: RemapTaskProps) => `${HEADINGS[p.kind](p)}: ${p.organisationName}`;

export function RemapTask(p: RemapTaskProps) {
  const heading = HEADINGS[p.kind](p);
  return (
    <EmailLayout action={{ label: "Open the re-mapping task", href: p.taskUrl }} preview={heading} heading={heading}>
      <Text>Hello {p.name},</Text>
      {p.kind === "completed" ? (
        <Text>
          The accredited courses of {p.organisationName} (accreditation {p.certificateNumber}) now follow version {p.frameworkVersion} of the competency
          framework, in the public directory and in the accreditation&apos;s credential.
        </Text>
      ) : (
        <Text>
          The foundation published version {p.frameworkVersion} of its competency framework. Mappings of {p.organisationName}&apos;s accredited courses
          (accreditation {p.certificateNumber}) to competencies that did not change were carried over; {p.toMap === 1 ? "1 module needs" : `${p.toMap} modules need`} to
          be mapped again. Please complete the task by {p.dueOn}.
        </Text>
      )}
    </EmailLayout>
  );
}

RemapTask.PreviewProps = {
  ...PREVIEW_PROVIDER,
  kind: "opened",
  frameworkVersion: 2,
  toMap: 3,
  dueOn: "2027-03-10",
  taskUrl: "http://localhost:3000/provider/remap/00000000-0000-4000-8000-000000000000",
} satisfies RemapTaskProps;

export default RemapTask;
