import type { ReactNode } from "react";
import type { ZodTypeAny } from "zod";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { ErrorSummary, useValidatedForm, SubmitButton, InputField, TextAreaField } from "~/components/form";
import { VERSION_STATUS_LABELS } from "~/domain/format";
import type { FieldErrors } from "~/domain/forms";
import { DataTable, ListTable, type ListColumn } from "~/components/ui/list-table";
import { StepAlerts } from "~/components/ui/step-alerts";

// The one editor of the framework's and the rubric's versions (routes/admin.framework.*, routes/admin.rubric.*):
// both list their versions and make a new draft, edit an ordered list of items in a draft, then publish the draft
// (which retires the published one) or discard it. The routes say what differs; the steps are in
// services/version-editor.server.ts.

type VersionStatus = keyof typeof VERSION_STATUS_LABELS;

/** What the list of versions shows of each: its number (linking to its page), title and status. */
type VersionSummary = { id: string; version: number; title: string; status: VersionStatus };

/**
 * The list of versions, with the button that makes a new draft (a copy of the published version, or empty), or the
 * link to the draft in progress when there is one. Each row starts with the version, its title and status
 * (`versionOf` finds them in a row; the version opens at `${base}/${id}`), then the route's own `columns`.
 */
export function VersionListPage<Row>({
  heading,
  base,
  actions,
  lede,
  error,
  caption,
  rows,
  versionOf,
  columns,
  empty,
  children,
}: {
  heading: string;
  base: string;
  /** More buttons beside "New draft". */
  actions?: ReactNode;
  lede: ReactNode;
  error?: string;
  caption: string;
  rows: readonly Row[];
  versionOf: (row: Row) => VersionSummary;
  columns: ListColumn<Row>[];
  empty: ReactNode;
  children?: ReactNode;
}) {
  // The published version's number, copied by a new draft; null when none is published.
  const published = rows.map(versionOf).find((v) => v.status === "published")?.version ?? null;
  // There is one draft at a time (decision 057): while one is in progress, the way on is to it, not to a new one.
  const draft = rows.map(versionOf).find((v) => v.status === "draft");
  const versionColumns: ListColumn<Row>[] = [
    { header: "Version", cell: (r) => <Link to={`${base}/${versionOf(r).id}`}>Version {versionOf(r).version}</Link> },
    { header: "Title", cell: (r) => versionOf(r).title },
    { header: "Status", cell: (r) => <VersionStatusBadge status={versionOf(r).status} /> },
  ];
  const draftButton = draft ? (
    <Link to={`${base}/${draft.id}`} className="button">
      Continue draft version {draft.version}
    </Link>
  ) : (
    <Form method="post">
      <input type="hidden" name="intent" value="create-draft" />
      <SubmitButton>{published !== null ? `New draft from version ${published}` : "New empty draft"}</SubmitButton>
    </Form>
  );
  return (
    <>
      <div className="spread">
        <h1>{heading}</h1>
        {actions ? (
          <div className="row">
            {draftButton}
            {actions}
          </div>
        ) : (
          draftButton
        )}
      </div>
      <p className="lede">{lede}</p>
      <StepAlerts error={error} />
      <ListTable caption={caption} rows={rows} rowKey={(r) => versionOf(r).id} columns={[...versionColumns, ...columns]} empty={empty} />
      {children}
    </>
  );
}

/**
 * One version's page: its heading and status, what the last step did, the details, the items (editable in a
 * draft), and for a draft the add forms and the publish section. `messages` are the notes after each step.
 */
export function VersionEditorPage({
  back,
  heading,
  status,
  version,
  aside,
  messages,
  error,
  details,
  items,
  afterItems,
  addForms,
  problems,
  publishExplanation,
}: {
  back: { to: string; label: string };
  heading: string;
  status: VersionStatus;
  version: number;
  aside?: ReactNode;
  messages: { created: string; published: ReactNode; saved: (what: string) => string; more?: ReactNode };
  error: string | null | undefined;
  details: ReactNode;
  items: { id: string; heading: string; count: number; empty: { title: string; draft: string; done: string }; table: ReactNode };
  /** Shown once the version is no longer a draft. */
  afterItems?: ReactNode;
  addForms: ReactNode;
  problems: string[];
  publishExplanation: string;
}) {
  const [params] = useSearchParams();
  const isDraft = status === "draft";
  const saved = params.get("saved");
  return (
    <>
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
      <div className="spread">
        <h1>
          {heading} <VersionStatusBadge status={status} />
        </h1>
        {aside}
      </div>
      <StepAlerts done={params.get("created") ? messages.created : params.get("existing") ? `Draft version ${version} is already in progress, and there is one draft at a time: edit it here, or delete it to start another.` : null} />
      {messages.more}
      <StepAlerts done={params.get("published") ? messages.published : null} />
      <StepAlerts done={params.get("deleted") ? "Deleted." : saved ? messages.saved(saved) : null} error={error} />
      {details}

      <section aria-labelledby={items.id}>
        <h2 id={items.id}>{items.heading}</h2>
        {items.count === 0 ? (
          <div className="empty-state">
            <strong>{items.empty.title}</strong>
            {isDraft ? items.empty.draft : items.empty.done}
          </div>
        ) : (
          items.table
        )}
      </section>

      {isDraft ? null : afterItems}

      {isDraft ? (
        <>
          {addForms}
          <VersionPublishSection version={version} problems={problems} explanation={publishExplanation} />
        </>
      ) : null}
    </>
  );
}

/** The refusal a version page shows above everything: one of `intents` refused as a whole, not field by field. */
export function stepError(actionData: { intent: string; errors: FieldErrors } | undefined, intents: string[]): string | null | undefined {
  return actionData && intents.includes(actionData.intent) ? (actionData.errors.form ?? actionData.errors.title) : null;
}

export function VersionStatusBadge({ status }: { status: keyof typeof VERSION_STATUS_LABELS }) {
  return <span className={`badge ${status === "published" ? "active" : status === "retired" ? "neutral" : "draft"}`}>{VERSION_STATUS_LABELS[status]}</span>;
}

/** A refused inline edit: which item, its errors and what was typed. */
export type ItemRetry = { itemId?: string; errors: FieldErrors; values?: Record<string, string> };

/** How a version's items may be edited: only in a draft, the one the `?edit=` link opened, and a refused edit to retry. */
export type ItemEditing = { isDraft: boolean; editing: string | null; update: ItemRetry | null };

/**
 * The items of one version, in order: the code heads each row, the first cell says what the item is (and holds the
 * inline editor of the item being edited), `cells` fill the columns after it; a draft's rows can be moved and deleted.
 */
export function VersionItemsTable<T extends { id: string; code: string }>({
  caption,
  className,
  headers,
  items,
  edit: { isDraft, editing, update },
  refName,
  label,
  position,
  rowClassName,
  describe,
  editor,
  cells,
}: {
  caption: string;
  className?: string;
  /** The columns after Code: the first is `describe`'s, the others `cells`'. */
  headers: string[];
  items: T[];
  edit: ItemEditing;
  refName: string;
  label: (item: T) => string;
  position: (item: T, index: number) => { first: boolean; last: boolean };
  rowClassName?: (item: T) => string;
  /** What the item is: its title, and a note under it (guidance, a description) when it has one. */
  describe: (item: T) => { title: ReactNode; note?: string | null };
  /** The edit form of one item, refilled with what was typed when `retry` is its refused edit. */
  editor: (item: T, retry: ItemRetry | null) => ReactNode;
  cells: (item: T) => ReactNode[];
}) {
  return (
    <DataTable className={className} caption={caption} headings={["Code", ...headers, isDraft && "Actions"]}>
      {items.map((item, i) => {
        const retry = update?.itemId === item.id ? update : null;
        const { title, note } = describe(item);
        return (
          <tr key={item.id} className={rowClassName?.(item)}>
            <th scope="row">{item.code}</th>
            <td>
              {title}
              {note ? <div className="small muted">{note}</div> : null}
              {isDraft && (editing === item.id || retry) ? (
                <div className="card inline-editor">
                  <h3>Edit {item.code}</h3>
                  {editor(item, retry)}
                </div>
              ) : null}
            </td>
            {cells(item).map((cell, c) => (
              <td key={c}>{cell}</td>
            ))}
            {isDraft ? (
              <td>
                <VersionItemActions refName={refName} id={item.id} label={label(item)} {...position(item, i)} />
              </td>
            ) : null}
          </tr>
        );
      })}
    </DataTable>
  );
}

/** Edit, move up, move down and delete one item of a draft; `refName` is the form field naming the item. */
export function VersionItemActions({ refName, id, label, first, last }: { refName: string; id: string; label: string; first: boolean; last: boolean }) {
  return (
    <div className="row">
      <Link to={`?edit=${id}`} className="button small secondary" aria-label={`Edit ${label}`}>
        Edit
      </Link>
      {(
        [
          { direction: "up", arrow: "↑", disabled: first },
          { direction: "down", arrow: "↓", disabled: last },
        ] as const
      ).map((m) => (
        <Form key={m.direction} method="post">
          <input type="hidden" name={refName} value={id} />
          <input type="hidden" name="direction" value={m.direction} />
          <SubmitButton name="intent" value="move" className="button small secondary" disabled={m.disabled} aria-label={`Move ${label} ${m.direction}`}>{m.arrow}</SubmitButton>
        </Form>
      ))}
      <Form method="post">
        <input type="hidden" name={refName} value={id} />
        <SubmitButton name="intent" value="delete" className="button small danger" aria-label={`Delete ${label}`}>Delete</SubmitButton>
      </Form>
    </div>
  );
}

/** Publish or discard a draft version; publishing is disabled while `problems` lists anything. */
export function VersionPublishSection({ version, problems, explanation }: { version: number; problems: string[]; explanation: string }) {
  return (
    <section className="card" aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publish</h2>
      {problems.length > 0 ? (
        <div className="alert warn">
          <strong>Not ready to publish:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p>{explanation}</p>
      )}
      <div className="row">
        <Form method="post">
          <button type="submit" name="intent" value="publish" className="button" disabled={problems.length > 0}>
            Publish version {version}
          </button>
        </Form>
        <Form method="post">
          <SubmitButton name="intent" value="discard" className="button danger">Delete this draft</SubmitButton>
        </Form>
      </div>
    </section>
  );
}

/**
 * A draft's details (the framework's title and description, the rubric's title), checked in the browser first and
 * refused next to each field, with what was typed kept. Without `description` there is no description field.
 */
export function DetailsForm({
  schema,
  title,
  description,
  actionData,
}: {
  schema: ZodTypeAny;
  title: string;
  description?: string;
  actionData: { errors: FieldErrors; values?: Record<string, string> } | null;
}) {
  const form = useValidatedForm(schema, { serverErrors: actionData?.errors, defaultValues: { title, description, ...(actionData?.values ?? {}) } });
  return (
    <section className="card" aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="details" />
        <InputField form={form} name="title" id="version-title" label="Title" />
        {description === undefined ? null : (
          <TextAreaField form={form} name="description" id="version-description" label="Description" rows={2} />
        )}
        <SubmitButton row className="button secondary">Save details</SubmitButton>
      </Form>
    </section>
  );
}
