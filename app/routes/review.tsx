import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requirePermission } from "~/services/request.server";

export const meta: MetaFunction = () => [{ title: "Reviews · Rust Training Accreditation" }];

// The reviewer area exists only for reviewers; each child route checks its own access too (loaders run in parallel).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "review:access");
  return null;
}

export default function ReviewLayout() {
  return <Outlet />;
}
