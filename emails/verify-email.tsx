import { Button, Text } from "@react-email/components";
import { EmailLayout, buttonStyle } from "./components/layout";

export type VerifyEmailProps = { name: string; verifyUrl: string };

export const verifyEmailSubject = () => "Confirm your email address";

export function VerifyEmail({ name, verifyUrl }: VerifyEmailProps) {
  return (
    <EmailLayout preview="Confirm your email address to finish signing up" heading="Confirm your email address">
      <Text>Hello {name},</Text>
      <Text>Confirm this address to finish creating your account. The link works once and expires in 24 hours.</Text>
      <Button href={verifyUrl} style={buttonStyle}>
        Confirm email address
      </Button>
      <Text>Or paste this link into your browser: {verifyUrl}</Text>
      <Text>If you did not sign up, ignore this email.</Text>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = { name: "Ada", verifyUrl: "http://localhost:3000/verify-email?token=example" } satisfies VerifyEmailProps;

export default VerifyEmail;
