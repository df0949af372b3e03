import type { LoaderFunctionArgs } from "@remix-run/node";
import { bakedSvg, credentialForMember } from "~/services/credential-downloads.server";
import { db } from "~/services/db.server";
import { requireUser } from "~/services/request.server";

// The badge with the credential baked in (Open Badges 3.0 SVG baking).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await credentialForMember(db, user, params.id ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  return new Response(bakedSvg(found), {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${found.accreditation.certificateNumber}.badge.svg"`,
      "Cache-Control": "private, no-store",
    },
  });
}
