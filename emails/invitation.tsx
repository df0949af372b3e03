import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";

export type InvitationProps = { inviterName: string; what: string; acceptUrl: string; expiresOn: string };

export const invitationSubject = (p: InvitationProps) => `You are invited to join ${p.what}`;

export function Invitation({ inviterName, what, acceptUrl, expiresOn }: InvitationProps) {
  return (
    <EmailLayout action={{ label: "Accept the invitation", href: acceptUrl }} preview={`${inviterName} invited you to join ${what}`} heading={`Join ${what}`}>
      <Text>
        {inviterName} invited you to join {what} on the foundation&apos;s accreditation portal.
      </Text>
      <Text>The invitation expires on {expiresOn}.</Text>
    </EmailLayout>
  );
}

Invitation.PreviewProps = {
  inviterName: "Grace Hopper",
  what: "the foundation as a reviewer",
  acceptUrl: "http://localhost:3000/invitations/example",
  expiresOn: "9 December 2026",
} satisfies InvitationProps;

export default Invitation;
