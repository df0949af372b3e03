import { expect, test } from "vitest";
import { renderEmail } from "~/services/emails.server";
import { VoteRequested } from "../../emails/vote-requested";
import { DecisionAccredited } from "../../emails/decision-accredited";
import { DecisionRejected } from "../../emails/decision-rejected";
import { AccreditationExpiring } from "../../emails/accreditation-expiring";
import { AccreditationExpired } from "../../emails/accreditation-expired";
import { AccreditationSuspended } from "../../emails/accreditation-suspended";
import { AccreditationReinstated } from "../../emails/accreditation-reinstated";
import { AccreditationRevoked } from "../../emails/accreditation-revoked";

const cases = [
  ["vote-requested", VoteRequested.PreviewProps, "Board vote requested: Ferris Training GmbH", "/board/"],
  ["decision-accredited", DecisionAccredited.PreviewProps, "Accredited: certificate ACC-2026-0042", "/verify/ACC-2026-0042"],
  ["decision-rejected", DecisionRejected.PreviewProps, "Decision on the application of Ferris Training GmbH", "practised level"],
  ["accreditation-expiring", AccreditationExpiring.PreviewProps, "Certificate ACC-2026-0042 expires in 90 days", "/renew"],
  ["accreditation-expired", AccreditationExpired.PreviewProps, "Certificate ACC-2026-0042 has expired", "9 March 2029"],
  ["accreditation-suspended", AccreditationSuspended.PreviewProps, "Certificate ACC-2026-0042 is suspended", "under investigation"],
  ["accreditation-reinstated", AccreditationReinstated.PreviewProps, "Certificate ACC-2026-0042 is reinstated", "active again"],
  ["accreditation-revoked", AccreditationRevoked.PreviewProps, "Certificate ACC-2026-0042 is revoked", "Revocation is final"],
] as const;

test.each(cases)("%s renders to HTML and plain text with its subject", async (name, props, subject, text) => {
  const rendered = await renderEmail(name, props);
  expect(rendered.subject).toBe(subject);
  expect(rendered.text).toContain(text);
  expect(rendered.html).toContain("<html");
});

test("a subject is always one header line, whatever a name stored before the single-line rule carried", async () => {
  const rendered = await renderEmail("vote-requested", { ...VoteRequested.PreviewProps, organisationName: "Evil\r\nBcc: victim@example.org" });
  expect(rendered.subject).not.toMatch(/[\r\n]/);
  expect(rendered.subject).toContain("Evil Bcc: victim@example.org");
});
