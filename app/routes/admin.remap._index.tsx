import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RemapTaskTable } from "~/components/remap";
import { db } from "~/services/db.server";
import { requireStaff } from "~/services/request.server";
import { remapTasksForStaff } from "~/services/remap.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Re-mapping · Administration" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return remapTasksForStaff(db);
}

export default function RemapTasksPage() {
  const { tasks, counts } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Re-mapping to new framework versions</h1>
      <p>When a framework version is published, each accredited provider maps its courses to it by the due date.</p>
      <dl className="figures" aria-label="Progress">
        <div>
          <dt>Open</dt>
          <dd>{counts.open}</dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd>{counts.completed}</dd>
        </div>
        <div>
          <dt>Overdue</dt>
          <dd>{counts.overdue}</dd>
        </div>
        <div>
          <dt>Replaced by a newer version</dt>
          <dd>{counts.superseded}</dd>
        </div>
      </dl>
      <RemapTaskTable tasks={tasks} />
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
