import type { LoaderFunctionArgs } from "@remix-run/node";
import { getProviderProfile } from "~/services/provider-profile.server";
import { ogImageResponse } from "~/services/og-image.server";
import { notFound } from "~/services/request.server";

// The provider's Open Graph image (og:image of its profile): public, like the profile itself.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const profile = await getProviderProfile(params.slug ?? "");
  if (!profile) notFound("No accredited provider is listed at this address.");
  return ogImageResponse(request, profile);
}
