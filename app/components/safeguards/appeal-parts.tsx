import { APPEAL_EVENT_LABELS, APPEAL_KIND_LABELS, APPEAL_STATUS_LABELS, type AppealKind, type AppealStatus } from "~/domain/appeals";
import { formatBytes, formatDate } from "~/domain/format";
import type { ReactNode } from "react";
import { History, type HistoryEvent } from "~/components/ui/history";
import { ErrorSummary } from "~/components/form";
import { StepAlerts } from "~/components/ui/step-alerts";
import type { FieldErrors } from "~/domain/forms";
import { BackLink } from "~/components/ui/back-link";

type Appeal = { kind: AppealKind; status: AppealStatus; grounds: string; filedAt: Date | string; reasons: string | null; concludedAt: Date | string | null };
type Original = { summary: string; reason: string };

/** The appeal as everyone who may read it sees it: what was decided, the grounds, the finding. */
export function AppealSummary({ appeal, original }: { appeal: Appeal; original: Original }) {
  return (
    <div className="stack">
      <p>
        <strong>{APPEAL_STATUS_LABELS[appeal.status]}</strong> · {APPEAL_KIND_LABELS[appeal.kind]} · lodged {formatDate(appeal.filedAt)}
      </p>
      <section aria-labelledby="decision-heading">
        <h2 id="decision-heading">The decision appealed against</h2>
        <p>{original.summary}</p>
        {original.reason ? <p className="prewrap">Reason given: {original.reason}</p> : null}
      </section>
      <section aria-labelledby="grounds-heading">
        <h2 id="grounds-heading">Grounds for appeal</h2>
        <p className="prewrap">{appeal.grounds}</p>
      </section>
      {appeal.reasons ? (
        <section aria-labelledby="finding-heading">
          <h2 id="finding-heading">The panel&apos;s finding</h2>
          <p>
            <strong>{APPEAL_STATUS_LABELS[appeal.status]}</strong>
            {appeal.concludedAt ? ` on ${formatDate(appeal.concludedAt)}` : ""}
          </p>
          <p className="prewrap">{appeal.reasons}</p>
        </section>
      ) : null}
    </div>
  );
}

export function AppealPanel({ panel }: { panel: { id: string; name: string }[] }) {
  return (
    <section aria-labelledby="panel-heading">
      <h2 id="panel-heading">Panel</h2>
      {panel.length === 0 ? <p className="muted">Not constituted yet.</p> : <ul>{panel.map((m) => <li key={m.id}>{m.name}</li>)}</ul>}
    </section>
  );
}

export function AppealTimeline({ events }: { events: HistoryEvent[] }) {
  return <History events={events} labels={APPEAL_EVENT_LABELS} />;
}

export function AppealDocuments({ appealId, documents }: { appealId: string; documents: { id: string; filename: string; size: number; createdAt: Date | string }[] }) {
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">Supporting documents</h2>
      {documents.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {documents.map((d) => (
            <li key={d.id}>
              <a href={`/appeals/${appealId}/documents/${d.id}`} download>
                {d.filename}
              </a>{" "}
              · {formatBytes(d.size)} · {formatDate(d.createdAt)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type AppealRecord = {
  appeal: Appeal & { id: string };
  organisation: { name: string };
  original: Original;
  documents: Parameters<typeof AppealDocuments>[0]["documents"];
  panel: { id: string; name: string }[];
  timeline: HistoryEvent[];
};

/** An appeal as staff and its panel read it, with the one step the page offers (`children`) before its timeline. */
export function AppealCase({ back, record, done, errors, children }: { back: { to: string; label: string }; record: AppealRecord; done: string | null; errors?: FieldErrors; children: ReactNode }) {
  return (
    <div className="stack">
      <BackLink to={back.to}>{back.label}</BackLink>
      <h1>Appeal of {record.organisation.name}</h1>
      <StepAlerts done={done} />
      <ErrorSummary errors={errors} />
      <AppealSummary appeal={record.appeal} original={record.original} />
      <AppealDocuments appealId={record.appeal.id} documents={record.documents} />
      <AppealPanel panel={record.panel} />
      {children}
      <AppealTimeline events={record.timeline} />
    </div>
  );
}
