import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { publicMode } from "~/domain/directory";
import { apiBadParameters, apiJson, apiMethodNotAllowed, apiProblem } from "~/services/api.server";
import { findCertificate, normaliseCertificate } from "~/services/directory.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const certificate = normaliseCertificate(params.certificate ?? "");
  if (!/^[A-Z0-9-]{1,40}$/.test(certificate)) {
    return apiBadParameters(request, [{ parameter: "certificate", message: "expected a certificate number such as ACC-2026-0042" }]);
  }
  const record = await findCertificate(certificate);
  if (!record) return apiProblem(request, 404, `No certificate ${certificate} was issued.`);
  // Verification must reflect a suspension promptly, even at the edge.
  return apiJson(
    request,
    {
      certificate: record.certificate,
      status: record.status,
      validFrom: record.validFrom,
      validUntil: record.validUntil,
      provider: { slug: record.provider.slug, name: record.provider.name },
      scope: record.scope.map((s) => ({ ...s, mode: publicMode(s.mode) })),
    },
    { sMaxAge: 10 },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
