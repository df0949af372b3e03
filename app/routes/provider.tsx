import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/services/request.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { hasOrganisation: user.memberships.length > 0, isOwner: user.memberships.some((m) => m.role === "owner") };
}

export default function ProviderLayout() {
  const { hasOrganisation } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <nav aria-label="Provider area" className="subnav">
        <ul>
          <li>
            <NavLink to="/provider" end>
              Dashboard
            </NavLink>
          </li>
          {hasOrganisation ? (
            <>
              <li>
                <NavLink to="/provider/applications/new">New application</NavLink>
              </li>
              <li>
                <NavLink to="/provider/members">Members</NavLink>
              </li>
              <li>
                <NavLink to="/provider/complaints">Complaints</NavLink>
              </li>
              <li>
                <NavLink to="/provider/appeals">Appeals</NavLink>
              </li>
            </>
          ) : null}
          <li>
            <NavLink to="/provider/organisations/new">Create an organisation</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
