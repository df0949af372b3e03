import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ReportTable } from "~/components/surveillance";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { reportsForStaff } from "~/services/surveillance.server";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Annual reports · Staff · Rust Training Accreditation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  return { reports: await reportsForStaff(db) };
}

export default function AnnualReports() {
  const { reports } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Annual reports</h1>
      <p className="lede">Surveillance of accredited providers: each files a report every year of its accreditation. Overdue reports come first, then those waiting for your review.</p>
      <ReportTable
        reports={reports}
        caption="Annual reports"
        base="/admin/reports"
        empty={
          <>
            <strong>No annual reports yet.</strong> A report opens 60 days before it is due.
          </>
        }
      />
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
