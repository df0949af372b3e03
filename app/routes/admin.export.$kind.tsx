import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/domain/csv";
import { db } from "~/services/db.server";
import { EXPORT_KINDS, exportRows } from "~/services/exports.server";
import { notFound, requirePermission } from "~/services/request.server";

/** /admin/export/applications|accreditations|reviews: a CSV download for staff (formula cells neutralised). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "staff:access");
  const kind = EXPORT_KINDS.find((k) => k === params.kind);
  if (!kind) notFound();
  const { header, rows } = await exportRows(db, kind);
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kind}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
