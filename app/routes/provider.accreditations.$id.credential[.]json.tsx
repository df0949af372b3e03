import type { LoaderFunctionArgs } from "@remix-run/node";
import { credentialForMember } from "~/services/credential-downloads.server";
import { db } from "~/services/db.server";
import { requireUser } from "~/services/request.server";

// The signed credential exactly as stored (the bytes that were signed), as a download.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await credentialForMember(db, user, params.id ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  return new Response(found.credential.document, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${found.accreditation.certificateNumber}.credential.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
