import { Text } from "@react-email/components";
import { EmailLayout, Written } from "./components/layout";
import { PREVIEW_PROVIDER_CONTACT } from "./components/preview";

export type ChangesRequestedProps = { name: string; organisationName: string; message: string; items: string[]; applicationUrl: string };

export const changesRequestedSubject = ({ organisationName }: ChangesRequestedProps) => `Changes requested to the application of ${organisationName}`;

export function ChangesRequested({ name, organisationName, message, items, applicationUrl }: ChangesRequestedProps) {
  return (
    <EmailLayout greet={name} action={{ label: "Open the application", href: applicationUrl }} preview="The programme team asks for changes before the review can continue" heading="Changes requested">
      <Text>The programme team has reviewed the accreditation application of {organisationName} and asks for changes:</Text>
      <Written text={message} quoted />
      {items.length > 0 ? (
        <>
          <Text>What must change:</Text>
          {items.map((item, i) => (
            <Text key={i} style={{ margin: "0 0 4px 12px" }}>
              • {item}
            </Text>
          ))}
        </>
      ) : null}
      <Text>Edit the application, write a short response saying what you changed, and resubmit it. Reviewers keep their assignments and review the new revision.</Text>
    </EmailLayout>
  );
}

ChangesRequested.PreviewProps = {
  ...PREVIEW_PROVIDER_CONTACT,
  message: "Thank you for the application. Before the review continues, please address the points below.",
  items: ["Map the async module to the competencies it teaches", "Upload the CV of every trainer"],
  applicationUrl: "http://localhost:3000/provider/applications/00000000-0000-4000-8000-000000000000",
} satisfies ChangesRequestedProps;

export default ChangesRequested;
