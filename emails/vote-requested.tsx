import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_REVIEWER } from "./components/preview";

export type VoteRequestedProps = { name: string; organisationName: string; kind: "initial" | "renewal" | "extension" | "delta"; voteUrl: string };

const KIND_WORDS: Record<VoteRequestedProps["kind"], string> = { initial: "accreditation", renewal: "renewal", extension: "scope extension", delta: "delta review" };

export const voteRequestedSubject = ({ organisationName }: VoteRequestedProps) => `Board vote requested: ${organisationName}`;

export function VoteRequested({ name, organisationName, kind, voteUrl }: VoteRequestedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Read and vote", href: voteUrl }} preview={`The ${kind} application of ${organisationName} awaits the board's vote`} heading="Your vote is requested">
      <Text>
        The reviews of the {KIND_WORDS[kind]} application of {organisationName} are in, and staff have
        forwarded it to the board. Read the scores, the reviewers&apos; recommendations and the coverage, then cast your vote.
      </Text>
      <Text>If you belong to this organisation or declared a conflict with it, you are recused and need do nothing.</Text>
    </EmailLayout>
  );
}

VoteRequested.PreviewProps = {
  ...PREVIEW_REVIEWER,
  kind: "initial",
  voteUrl: "http://localhost:3000/board/00000000-0000-4000-8000-000000000000",
} satisfies VoteRequestedProps;

export default VoteRequested;
