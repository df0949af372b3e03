import { expect, test } from "vitest";
import { renderEmail } from "~/services/emails.server";
import { ScopeChangeRequested } from "../../emails/scope-change-requested";
import { ScopeChangeDecided } from "../../emails/scope-change-decided";
import { MaterialChangeReported } from "../../emails/material-change-reported";
import { MaterialChangeReviewed } from "../../emails/material-change-reviewed";

const cases = [
  ["scope-change-requested", ScopeChangeRequested.PreviewProps, "Scope extension to decide: Ferris Training GmbH", "/admin/scope-changes/"],
  ["scope-change-decided", ScopeChangeDecided.PreviewProps, "Your scope extension was approved: Ferris Training GmbH", "new credential was issued"],
  ["material-change-reported", MaterialChangeReported.PreviewProps, "Material change to review: Ferris Training GmbH", "a trainer left"],
  ["material-change-reviewed", MaterialChangeReviewed.PreviewProps, "Your reported change needs a follow-up: Ferris Training GmbH", "Who teaches the async module now?"],
] as const;

test.each(cases)("%s renders to HTML and plain text with its subject", async (name, props, subject, text) => {
  const rendered = await renderEmail(name, props);
  expect(rendered.subject).toBe(subject);
  expect(rendered.text).toContain(text);
  expect(rendered.html).toContain("<html");
});
