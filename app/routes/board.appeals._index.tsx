import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/services/db.server";
import { requirePermission } from "~/services/request.server";
import { appealsForPanel } from "~/services/appeals-panel.server";
import { APPEAL_KIND_LABELS, APPEAL_STATUS_LABELS } from "~/domain/appeals";
import { formatDate } from "~/domain/format";
import { sectionErrorBoundary } from "~/components/route-error";

export const meta: MetaFunction = () => [{ title: "Appeal panels · Board" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "board:access");
  return { appeals: await appealsForPanel(db, user) };
}

export default function PanelAppeals() {
  const { appeals } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Appeals you hear</h1>
      <p className="lede">Appeals whose panel you sit on. Staff choose panels from board members with no part in the decision appealed against.</p>
      {appeals.length === 0 ? (
        <p className="muted">You sit on no appeal panel.</p>
      ) : (
        <ul>
          {appeals.map((a) => (
            <li key={a.id}>
              <Link to={`/board/appeals/${a.id}`}>{a.organisationName}</Link>: {APPEAL_KIND_LABELS[a.kind]} · {APPEAL_STATUS_LABELS[a.status]} · lodged {formatDate(a.filedAt)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/board", label: "Back to the board" });
