import { caseEndpoint, caseItemAssociations } from "~/services/case.server";
import { db } from "~/services/db.server";

// Public, read-only CASE 1.1 endpoint (published and retired versions only; drafts answer 404).
export const loader = caseEndpoint("CFItem", (id) => caseItemAssociations(db, id));
