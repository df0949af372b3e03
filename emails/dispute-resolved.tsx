import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_REVIEWER } from "./components/preview";

export type DisputeResolvedProps = {
  name: string;
  organisationName: string;
  /** The competency's code and title, e.g. "OWN.2 Borrowing". */
  competency: string;
  moduleTitle: string;
  depth: string;
  resolution: "upheld" | "dismissed";
  note: string;
  reviewUrl: string;
};

export const disputeResolvedSubject = ({ organisationName, resolution }: DisputeResolvedProps) =>
  `Your mapping dispute was ${resolution}: ${organisationName}`;

export function DisputeResolved({ name, organisationName, competency, moduleTitle, depth, resolution, note, reviewUrl }: DisputeResolvedProps) {
  const upheld = resolution === "upheld";
  return (
    <EmailLayout greet={name} action={{ label: "Open your review", href: reviewUrl }} preview={`The programme team ${resolution} your dispute of ${competency} in ${moduleTitle}`} heading={upheld ? "Your dispute was upheld" : "Your dispute was dismissed"}>
      <Text>
        You disputed that the module “{moduleTitle}” of {organisationName} teaches {competency} at the depth “{depth}”. The programme team has{" "}
        {resolution} your dispute.
      </Text>
      <Text>
        {upheld
          ? "The mapping stays out of the application's coverage; the provider can correct it in a later revision."
          : "The mapping stands and counts toward the application's coverage again."}
      </Text>
      <Text>The programme team&apos;s reason:</Text>
      <Written text={note} quoted />
    </EmailLayout>
  );
}

DisputeResolved.PreviewProps = {
  ...PREVIEW_REVIEWER,
  competency: "TRAIT.2 Generics and trait bounds",
  moduleTitle: "Traits and generics",
  depth: "practised",
  resolution: "upheld",
  note: "Agreed: the exercises never ask for a trait bound. The provider will be asked to map the module at 'introduced'.",
  reviewUrl: "http://localhost:3000/review/00000000-0000-4000-8000-000000000000#disputes",
} satisfies DisputeResolvedProps;

export default DisputeResolved;
