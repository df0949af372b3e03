import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { REPORT_COLUMNS } from "~/components/surveillance";
import { QueuePage } from "~/components/ui/queue-page";
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
    <QueuePage
      heading="Annual reports"
      lede="Surveillance of accredited providers: each files a report every year of its accreditation. Overdue reports come first, then those waiting for your review."
      base="/admin/reports"
      rows={reports}
      empty={
        <>
          <strong>No annual reports yet.</strong> A report opens 60 days before it is due.
        </>
      }
      columns={REPORT_COLUMNS}
    />
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/admin", label: "Back to the staff dashboard" });
