import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CertificateSheet, ProviderTakeaways } from "~/components/certificate";
import { certificateView, credentialForMember } from "~/services/credential-downloads.server";
import { db } from "~/services/db.server";
import { requireUser } from "~/services/request.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Certificate ${data.certificate.certificateNumber}` : "Certificate" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await credentialForMember(db, user, params.id ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  return { id: found.accreditation.id, certificate: await certificateView(found) };
}

export default function Certificate() {
  const { id, certificate } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="small no-print">
        <Link to="/provider">← My organisation</Link>
      </p>
      <CertificateSheet certificate={certificate} />
      <ProviderTakeaways id={id} certificate={certificate} />
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
