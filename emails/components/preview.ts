/** The accredited provider and its contact that the previews of provider emails (`npm run email:dev`) are addressed to. */
export const PREVIEW_PROVIDER = { name: "Ada", organisationName: "Ferris Training GmbH", certificateNumber: "ACC-2026-0042" };
