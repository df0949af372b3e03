import { caseEndpoint, caseLicense } from "~/services/case.server";

// Public, read-only CASE 1.1 endpoint (published and retired versions only; drafts answer 404).
export const loader = caseEndpoint("CFLicense", (id) => caseLicense(id));
