import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiJson, apiPreflight, findCertificate, normaliseCertificate } from "~/services/directory.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = normaliseCertificate(params.certificate ?? "");
  if (!/^[A-Z0-9-]{1,40}$/.test(certificate)) {
    return apiJson(request, { error: `Bad parameter "certificate": expected a certificate number such as ACC-2026-0042`, parameter: "certificate" }, { status: 400 });
  }
  const record = await findCertificate(certificate);
  if (!record) return apiJson(request, { error: `No certificate ${certificate} was issued.`, certificate }, { status: 404 });
  // Verification must reflect a suspension promptly, even at the edge.
  return apiJson(
    request,
    {
      certificate: record.certificate,
      status: record.status,
      validFrom: record.validFrom,
      validUntil: record.validUntil,
      provider: { slug: record.provider.slug, name: record.provider.name },
      scope: record.scope,
    },
    { sMaxAge: 10 },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  return apiPreflight(request);
}
