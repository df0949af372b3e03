import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";

export type ResetPasswordProps = { name: string; resetUrl: string };

export const resetPasswordSubject = () => "Reset your password";

export function ResetPassword({ name, resetUrl }: ResetPasswordProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Choose a new password", href: resetUrl }} preview="A link to choose a new password" heading="Reset your password">
      <Text>Someone asked to reset the password of your account. The link works once and expires in one hour.</Text>
      <Text>If it was not you, ignore this email: your password stays as it is.</Text>
    </EmailLayout>
  );
}

ResetPassword.PreviewProps = { name: "Ada", resetUrl: "http://localhost:3000/reset-password?token=example" } satisfies ResetPasswordProps;

export default ResetPassword;
