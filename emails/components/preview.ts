/** The organisation the previews (`npm run email:dev`) are about. */
const organisationName = "Ferris Training GmbH";

/** Who the previews are addressed to, each with the organisation: the provider's contact, a reviewer, staff, a complainant. */
export const PREVIEW_PROVIDER_CONTACT = { name: "Ada", organisationName };
export const PREVIEW_REVIEWER = { name: "Grace", organisationName };
export const PREVIEW_STAFF = { name: "Sam", organisationName };
export const PREVIEW_COMPLAINANT = { name: "Chris", organisationName };

/** The accredited provider and its contact that the previews of provider emails are addressed to. */
export const PREVIEW_PROVIDER = { ...PREVIEW_PROVIDER_CONTACT, certificateNumber: "ACC-2026-0042" };
