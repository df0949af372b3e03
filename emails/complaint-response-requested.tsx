import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_PROVIDER_CONTACT } from "./components/preview";

export type ComplaintResponseRequestedProps = { name: string; organisationName: string; question: string; dueOn: string; reminder: boolean; complaintsUrl: string };

export const complaintResponseRequestedSubject = ({ reminder, dueOn }: ComplaintResponseRequestedProps) =>
  reminder ? `Reminder: your response to a complaint is due on ${dueOn}` : `A complaint needs your response by ${dueOn}`;

export function ComplaintResponseRequested({ name, organisationName, question, dueOn, reminder, complaintsUrl }: ComplaintResponseRequestedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Read the complaint and respond", href: complaintsUrl }} preview={`Respond to a complaint about ${organisationName} by ${dueOn}`} heading={reminder ? "Your response is due soon" : "A complaint needs your response"}>
      <Text>
        The foundation is investigating a complaint about {organisationName} and asks for your response by {dueOn}. What the programme team asks:
      </Text>
      <Written text={question} quoted />
    </EmailLayout>
  );
}

ComplaintResponseRequested.PreviewProps = {
  ...PREVIEW_PROVIDER_CONTACT,
  question: "Please tell us which trainer delivered the course on 3 March and their accreditation.",
  dueOn: "17 Mar 2026",
  reminder: false,
  complaintsUrl: "http://localhost:3000/provider/complaints",
} satisfies ComplaintResponseRequestedProps;

export default ComplaintResponseRequested;
