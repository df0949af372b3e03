import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { AdminNav } from "~/components/admin/admin-nav";
import { requireStaff } from "~/services/request.server";

export const meta: MetaFunction = () => [{ title: "Administration · Rust Training Accreditation" }];

// Every child route checks staff access itself too: Remix runs this loader in parallel with theirs.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return null;
}

export default function AdminLayout() {
  return (
    <div className="page admin-layout">
      <AdminNav />
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  );
}
