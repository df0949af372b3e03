import { expect, test } from "vitest";
import { emailTemplates, renderEmail } from "~/services/emails.server";
import { FOUNDATION_NAME } from "../../emails/components/layout";

// Each template file is named after its template and default-exports the component with its PreviewProps.
type Template = { default: { PreviewProps: Record<string, unknown> } };
const files = import.meta.glob<Template>("../../emails/*.tsx", { eager: true });
const previewProps = (name: string) => files[`../../emails/${name}.tsx`].default.PreviewProps;
const names = Object.keys(emailTemplates);

test("every template has its file, named after it", () => {
  expect(Object.keys(files).map((f) => f.replace(/^.*\/(.*)\.tsx$/, "$1")).sort()).toEqual([...names].sort());
});

/** The address the template's own preview props give for the thing the email is about (its one *Url prop). */
function actionUrl(props: Record<string, unknown>): string | null {
  const urls = Object.entries(props).filter(([k, v]) => k.endsWith("Url") && typeof v === "string" && k !== "verifyUrl");
  if (urls.length === 0) return typeof props.verifyUrl === "string" ? props.verifyUrl : null;
  return urls[0][1] as string;
}

test.each(names)("%s: the branded layout, with the foundation's name and footer, and its button going straight to the thing", async (name) => {
  const props = previewProps(name);
  const { html, text } = await renderEmail(name, props);
  expect(html).toContain(FOUNDATION_NAME);
  expect(text).toContain("You received this because of your account");
  const url = actionUrl(props);
  if (url) {
    // One primary button (the brand colour) whose link is the address the email is about, repeated as text.
    expect(html).toMatch(new RegExp(`<a href="${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*background-color:#8a3b12`));
    expect(text).toContain(url);
  }
});

test("the accredited email's button opens the certificate, not the dashboard", async () => {
  const { html } = await renderEmail("decision-accredited", previewProps("decision-accredited"));
  expect(html).toMatch(/<a href="[^"]+\/provider\/accreditations\/[^"]+\/certificate"[^>]*background-color:#8a3b12/);
  expect(html).not.toMatch(/href="[^"]+\/provider"/);
});
