import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { db } from "~/services/db.server";
import { clientAddress, notFound } from "~/services/request.server";
import { complaintFormToken, complaintTarget, fileComplaint } from "~/services/complaints.server";
import { complaintFormSchema } from "~/domain/complaints";
import { parseForm } from "~/domain/forms";
import { invalidForm, refusalResponse } from "~/http.server";
import { ComplaintForm } from "~/components/safeguards/complaint-form";

export const meta: MetaFunction = () => [{ title: "Complain about a provider · Rust Training Accreditation" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (url.searchParams.get("sent")) return { sent: true as const, provider: null, formToken: "" };
  const target = await complaintTarget(db, url.searchParams.get("provider") ?? "");
  if (!target) notFound("Complaints are made about an accredited provider: open its profile or certificate and use the form there.");
  return { sent: false as const, provider: target, formToken: await complaintFormToken(db) };
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), complaintFormSchema);
  // A fresh stamp with every refusal, so sending again after fixing a field works.
  const fresh = async () => ({ formToken: await complaintFormToken(db) });
  if (!parsed.success) return invalidForm(parsed, await fresh());
  const result = await fileComplaint(db, parsed.data, { address: clientAddress(request) });
  if (!result.ok) {
    const response = refusalResponse(result, { ...parsed.data, consent: parsed.data.consent ? "on" : "", truthful: "on" });
    return data({ ...response.data, ...(await fresh()) }, response.init ?? undefined);
  }
  return redirect("/complaints/new?sent=1", 303);
}

export default function NewComplaint() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  if (view.sent || params.get("sent")) {
    return (
      <div className="page medium stack">
        <h1>Check your email</h1>
        <p className="alert success" role="status">
          We sent you a link to confirm your complaint. It reaches the programme team once you confirm it. If nothing arrives within a few minutes, check your
          spam folder.
        </p>
      </div>
    );
  }
  if (!view.provider) return null;
  return (
    <div className="page medium stack">
      <h1>Complain about {view.provider.name}</h1>
      <ComplaintForm
        provider={view.provider.slug}
        providerName={view.provider.name}
        formToken={actionData?.formToken ?? view.formToken}
        errors={actionData?.errors}
        values={actionData?.values}
      />
    </div>
  );
}
