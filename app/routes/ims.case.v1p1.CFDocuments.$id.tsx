import { caseEndpoint, caseDocument } from "~/services/case.server";
import { db } from "~/services/db.server";

// Public, read-only CASE 1.1 endpoint (published and retired versions only; drafts answer 404).
export const loader = caseEndpoint("CFDocument", (id) => caseDocument(db, id));
