import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { requirePermission } from "~/services/request.server";

export const meta: MetaFunction = () => [{ title: "Board · Rust Training Accreditation" }];

// The area exists only for board members; each child route checks again (loaders run in parallel).
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "board:access");
  return null;
}

export default function BoardLayout() {
  return (
    <div className="page">
      <Outlet />
    </div>
  );
}
