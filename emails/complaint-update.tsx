import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_COMPLAINANT } from "./components/preview";

export type ComplaintUpdateProps = { name: string; organisationName: string; status: string; message: string; note: string };

export const complaintUpdateSubject = ({ organisationName, status }: ComplaintUpdateProps) => `Your complaint about ${organisationName}: ${status.toLowerCase()}`;

export function ComplaintUpdate({ name, organisationName, status, message, note }: ComplaintUpdateProps) {
  return (
    <EmailLayout greet={name} preview={`${status}: your complaint about ${organisationName}`} heading={`Your complaint: ${status.toLowerCase()}`}>
      <Text>{message}</Text>
      <Written text={note} quoted />
      <Text>
        Follow your complaint with the private link in the first email we sent you (&ldquo;Confirm your complaint&rdquo;). For your privacy that link is not
        repeated here: the foundation keeps only a fingerprint of it.
      </Text>
    </EmailLayout>
  );
}

ComplaintUpdate.PreviewProps = {
  ...PREVIEW_COMPLAINANT,
  status: "Under investigation",
  message: "The programme team accepted your complaint and is investigating it.",
  note: "",
} satisfies ComplaintUpdateProps;

export default ComplaintUpdate;
