import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";

export type VerifyEmailProps = { name: string; verifyUrl: string };

export const verifyEmailSubject = () => "Confirm your email address";

export function VerifyEmail({ name, verifyUrl }: VerifyEmailProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Confirm email address", href: verifyUrl }} preview="Confirm your email address to finish signing up" heading="Confirm your email address">
      <Text>Confirm this address to finish creating your account. The link works once and expires in 24 hours.</Text>
      <Text>If you did not sign up, ignore this email.</Text>
    </EmailLayout>
  );
}

VerifyEmail.PreviewProps = { name: "Ada", verifyUrl: "http://localhost:3000/verify-email?token=example" } satisfies VerifyEmailProps;

export default VerifyEmail;
