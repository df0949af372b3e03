import { Text } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { PREVIEW_PROVIDER_CONTACT } from "./components/preview";

/** Every appeal email: to staff (lodged), to the panel (asked to hear it), to the provider (each step and the finding). */
export type AppealUpdateProps = { name: string; organisationName: string; headline: string; message: string; reasons: string; url: string; linkLabel: string };

export const appealUpdateSubject = ({ organisationName, headline }: AppealUpdateProps) => `Appeal of ${organisationName}: ${headline}`;

export function AppealUpdate({ name, organisationName, headline, message, reasons, url, linkLabel }: AppealUpdateProps) {
  return (
    <EmailLayout greet={name} action={{ label: linkLabel, href: url }} preview={`Appeal of ${organisationName}: ${headline}`} heading={headline}>
      <Text>{message}</Text>
      {reasons ? <Text style={{ whiteSpace: "pre-wrap", borderLeft: "3px solid #ccc", paddingLeft: "12px" }}>{reasons}</Text> : null}
    </EmailLayout>
  );
}

AppealUpdate.PreviewProps = {
  ...PREVIEW_PROVIDER_CONTACT,
  headline: "The panel overturned the suspension",
  message: "The appeal panel heard your appeal and overturned the suspension. Your accreditation is active again and a new credential has been issued. The panel's reasons:",
  reasons: "The complaint's evidence did not concern the accredited course.",
  url: "http://localhost:3000/provider/appeals/00000000-0000-0000-0000-000000000000",
  linkLabel: "Open the appeal",
} satisfies AppealUpdateProps;

export default AppealUpdate;
