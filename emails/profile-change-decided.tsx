import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_PROVIDER_CONTACT } from "./components/preview";

export type ProfileChangeDecidedProps = {
  name: string;
  organisationName: string;
  outcome: "approved" | "rejected";
  /** Why staff rejected it; empty when approved. */
  reason: string;
  profileUrl: string;
};

export const profileChangeDecidedSubject = ({ organisationName, outcome }: ProfileChangeDecidedProps) =>
  outcome === "approved" ? `${organisationName}: your public profile change is published` : `${organisationName}: your public profile change was not approved`;

export function ProfileChangeDecided({ name, organisationName, outcome, reason, profileUrl }: ProfileChangeDecidedProps) {
  return (
    <EmailLayout
      greet={name}
      preview={outcome === "approved" ? `The new public profile of ${organisationName} is live` : `The programme team did not approve the change`}
      heading={outcome === "approved" ? "Your public profile change is published" : "Your public profile change was not approved"}
      action={{ label: outcome === "approved" ? "Open your profile page" : "Propose a corrected change", href: profileUrl }}
    >
      {outcome === "approved" ? (
        <Text>The programme team approved the change you proposed to the public profile of {organisationName}. The directory shows it now.</Text>
      ) : (
        <>
          <Text>The programme team did not approve the change you proposed to the public profile of {organisationName}. The reason given:</Text>
          <Written text={reason} quoted />
          <Text>Your public profile is unchanged. You may propose a corrected change.</Text>
        </>
      )}
    </EmailLayout>
  );
}

ProfileChangeDecided.PreviewProps = {
  ...PREVIEW_PROVIDER_CONTACT,
  outcome: "rejected",
  reason: "The description claims an endorsement by the foundation, which accreditation is not.",
  profileUrl: "http://localhost:3000/provider/organisations/00000000-0000-0000-0000-000000000000/profile",
} satisfies ProfileChangeDecidedProps;

export default ProfileChangeDecided;
