import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./components/layout";

export type InvitationProps = { inviterName: string; what: string; acceptUrl: string; expiresOn: string };

export const invitationSubject = (p: InvitationProps) => `You are invited to join ${p.what}`;

export function Invitation({ inviterName, what, acceptUrl, expiresOn }: InvitationProps) {
  return (
    <EmailLayout preview={`${inviterName} invited you to join ${what}`} heading={`Join ${what}`}>
      <Text>
        {inviterName} invited you to join {what} on the foundation&apos;s accreditation portal.
      </Text>
      <Button href={acceptUrl} style={buttonStyle}>
        Accept the invitation
      </Button>
      <Text>Or paste this link into your browser: {acceptUrl}</Text>
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
