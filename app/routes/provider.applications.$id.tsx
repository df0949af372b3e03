import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Outlet, useLoaderData } from "@remix-run/react";
import { ApplicationNav } from "~/components/provider/application-nav";
import { StatusBadge } from "~/components/provider/status";
import { db } from "~/services/db.server";
import { applicationProgress, memberApplicationData, requireMemberApplication } from "~/services/applications.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { ExtensionNotice } from "~/components/extension-notice";
import { extensionContext } from "~/services/extensions.server";
import { applicationKindLabel } from "~/domain/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisationName ?? "Application"} application — Rust Training Accreditation` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application, organisation } = await requireMemberApplication(request, params.id);
  const [{ sections }, extension] = await Promise.all([memberApplicationData(request, { application, organisation }).then(applicationProgress), extensionContext(db, application)]);
  return { extension, id: application.id, status: application.status, kind: application.kind, revision: application.currentRevision, organisationName: organisation.displayName, sections };
}

export default function ApplicationLayout() {
  const { id, status, kind, revision, organisationName, sections, extension } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="spread">
        <p className="small muted" style={{ margin: 0 }}>
          {organisationName} · {applicationKindLabel(kind)} application
          {revision > 0 ? ` · revision ${revision}` : ""}
        </p>
        <StatusBadge status={status} />
      </div>
      {extension ? <ExtensionNotice extension={extension} audience="provider" /> : null}
      <div className="cols app-editor">
        <ApplicationNav applicationId={id} sections={sections} />
        <div>
          <Outlet />
        </div>
      </div>
    </>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
