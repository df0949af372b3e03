import type { LoaderFunctionArgs } from "@remix-run/node";
import { bakedPng, credentialForMember } from "~/services/credential-downloads.server";
import { db } from "~/services/db.server";
import { requireUser } from "~/services/request.server";

// The badge with the credential baked in (Open Badges 3.0 PNG baking: iTXt `openbadgecredential`).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await credentialForMember(db, user, params.id ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bakedPng(found)), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="${found.accreditation.certificateNumber}.badge.png"`,
      "Cache-Control": "private, no-store",
    },
  });
}
