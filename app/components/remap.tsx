import { Form, Link } from "@remix-run/react";
import { ErrorSummary, RadioGroup, useValidatedForm, FieldError, SubmitButton } from "~/components/form";
import { REMAP_STATUS_LABELS, remapModuleSchema, type RemapTaskStatus } from "~/domain/remap";
import type { FrameworkDiff } from "~/domain/framework-diff";
import { formatDate } from "~/domain/format";
import { ListTable, providerColumn, certificateColumn } from "~/components/ui/list-table";
import type { FieldErrors } from "~/domain/forms";

export type RemapAnswer = { formId?: string; errors: FieldErrors; values: Record<string, unknown> } | undefined;

export const REMAP_HISTORY_LABELS: Record<string, string> = {
  "remap.opened": "Task opened when the new framework version was published",
  "remap.module_mapped": "A module was mapped to the new version",
  "remap.completed": "Re-mapping completed",
  "remap.superseded": "Replaced by the task of a newer framework version",
};

export function RemapBadge({ status, overdue }: { status: RemapTaskStatus; overdue: boolean }) {
  if (overdue) return <span className="badge bad">Overdue</span>;
  const tone = status === "completed" ? " ok" : status === "open" ? " info" : "";
  return <span className={`badge${tone}`}>{REMAP_STATUS_LABELS[status]}</span>;
}

/** On a superseded task: which task replaced it (`base` is the page's own list, /provider/remap or /admin/remap). */
export function RemapReplacedNotice({ replacedBy, base }: { replacedBy: { id: string; toVersion: number } | null; base: string }) {
  if (!replacedBy) return null;
  return (
    <p className="alert info">
      Framework version {replacedBy.toVersion} came out before this task was completed, so this task was closed.{" "}
      <Link to={`${base}/${replacedBy.id}`}>Go to the re-mapping to version {replacedBy.toVersion}</Link>.
    </p>
  );
}

/** What changed between the two versions: added, changed and retired competencies. */
export function RemapDiff({ diff, from, to }: { diff: FrameworkDiff; from: number; to: number }) {
  const competency = (n: { kind: string }) => n.kind === "competency";
  const added = diff.added.filter(competency);
  const retired = diff.removed.filter(competency);
  const changed = diff.changed.filter((c) => competency(c.to));
  return (
    <section aria-labelledby="diff-heading" className="card">
      <h2 id="diff-heading">
        What changed from version {from} to version {to}
      </h2>
      <p className="small">{diff.unchanged} items are unchanged: mappings to them were carried over.</p>
      <h3>Added ({added.length})</h3>
      <ul>{added.map((n) => <li key={n.code}>{n.code} {n.title}</li>)}</ul>
      <h3>Changed ({changed.length})</h3>
      <ul>
        {changed.map((c) => (
          <li key={c.code}>
            {c.code} {c.to.title}: {c.changes.map((x) => `${x.field} ${x.from} → ${x.to}`).join("; ")}
          </li>
        ))}
      </ul>
      <h3>Retired ({retired.length})</h3>
      <ul>{retired.map((n) => <li key={n.code}>{n.code} {n.title}</li>)}</ul>
    </section>
  );
}

type Module = {
  id: string;
  title: string;
  courseTitle: string;
  required: boolean;
  lostCodes: string[];
  mappedAt: string | Date | null;
  mappings: { competencyId: string; code: string; title: string; depth: string; carried: boolean }[];
};

const DEPTH_OPTIONS = [
  ["introduced", "Introduced"],
  ["practised", "Practised"],
  ["assessed", "Assessed"],
] as const;

/** One module that must be mapped again: the competencies of the new version it covers, and how deeply. */
function RemapModuleForm({ module: m, choices, answer }: { module: Module; choices: { id: string; code: string; title: string }[]; answer: RemapAnswer }) {
  const formId = `map:${m.id}`;
  const mine = answer?.formId === formId ? answer : undefined;
  const chosen = m.mappings.filter((x) => !x.carried).map((x) => x.competencyId);
  const defaultValues = { intent: "map", moduleId: m.id, competencyIds: chosen, depth: m.mappings.find((x) => !x.carried)?.depth ?? "", ...mine?.values };
  const form = useValidatedForm(remapModuleSchema, { serverErrors: mine?.errors, defaultValues });
  const listError = form.errorFor("competencyIds");
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit} aria-label={`Map ${m.title}`}>
      <ErrorSummary errors={mine?.errors} />
      <input type="hidden" {...form.register("intent")} />
      <input type="hidden" {...form.register("moduleId")} />
      <fieldset aria-describedby={listError ? `competencies-${m.id}-error` : undefined}>
        <legend>Competencies of the new version that “{m.title}” covers</legend>
        <div className="check-list">
          {choices.map((c) => (
            <label key={c.id} className="check">
              <input type="checkbox" value={c.id} {...form.register("competencyIds")} /> {c.code} {c.title}
            </label>
          ))}
        </div>
        <FieldError fieldId={`competencies-${m.id}`} error={listError} />
      </fieldset>
      <RadioGroup name="depth" legend="Depth" options={DEPTH_OPTIONS} error={form.errorFor("depth")} inputProps={form.register("depth")} />
      <SubmitButton row className="button secondary">Save mapping of {m.title}</SubmitButton>
    </Form>
  );
}

/** The accredited courses' modules with their mappings against the new version. */
export function RemapModules({ modules, choices, answer, editable }: { modules: Module[]; choices: { id: string; code: string; title: string }[]; answer: RemapAnswer; editable: boolean }) {
  return (
    <section aria-labelledby="modules-heading" className="stack">
      <h2 id="modules-heading">Modules of the accredited courses</h2>
      {modules.map((m) => (
        <article key={m.id} className="card" aria-labelledby={`module-${m.id}`}>
          <h3 id={`module-${m.id}`}>
            {m.courseTitle}: {m.title}{" "}
            {m.required ? <span className={`badge ${m.mappedAt ? "ok" : "warn"}`}>{m.mappedAt ? "Mapped" : "To map"}</span> : <span className="badge ok">Carried over</span>}
          </h3>
          {m.lostCodes.length > 0 ? <p className="small">No longer carried over: {m.lostCodes.join(", ")} (changed or retired).</p> : null}
          {m.mappings.length > 0 ? (
            <ul className="small">
              {m.mappings.map((x) => (
                <li key={x.competencyId}>
                  {x.code} {x.title} · {x.depth}
                  {x.carried ? " · carried over" : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p className="small muted">No mapping to the new version yet.</p>
          )}
          {editable && m.required ? <RemapModuleForm module={m} choices={choices} answer={answer} /> : null}
        </article>
      ))}
    </section>
  );
}

type Row = { id: string; status: RemapTaskStatus; dueOn: string; organisationName: string; certificateNumber: string; toVersion: number; left: number; overdue: boolean };

/** Staff: every provider's task and how far it got. */
export function RemapTaskTable({ tasks }: { tasks: Row[] }) {
  return (
    <ListTable
      caption="Re-mapping tasks"
      rows={tasks}
      empty="No re-mapping tasks yet: they open when a new framework version is published."
      columns={[
        providerColumn("/admin/remap"),
        certificateColumn(),
        { header: "Version", cell: (t) => t.toVersion },
        { header: "Status", cell: (t) => <RemapBadge status={t.status} overdue={t.overdue} /> },
        { header: "Modules left", cell: (t) => (t.status === "open" ? t.left : "—") },
        { header: "Due", cell: (t) => formatDate(t.dueOn) },
      ]}
    />
  );
}
