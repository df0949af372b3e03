import { Form, Link } from "@remix-run/react";
import { VERSION_STATUS_LABELS } from "~/domain/format";

// The pieces the framework version editor and the rubric version editor share: both edit an ordered list of
// items in a draft version, then publish the draft (which retires the published one) or discard it.

export function VersionStatusBadge({ status }: { status: keyof typeof VERSION_STATUS_LABELS }) {
  return <span className={`badge ${status === "published" ? "active" : status === "retired" ? "neutral" : "draft"}`}>{VERSION_STATUS_LABELS[status]}</span>;
}

/** Edit, move up, move down and delete one item of a draft; `refName` is the form field naming the item. */
export function VersionItemActions({ refName, id, label, first, last }: { refName: string; id: string; label: string; first: boolean; last: boolean }) {
  return (
    <div className="row">
      <Link to={`?edit=${id}`} className="button small secondary" aria-label={`Edit ${label}`}>
        Edit
      </Link>
      <Form method="post">
        <input type="hidden" name={refName} value={id} />
        <input type="hidden" name="direction" value="up" />
        <button type="submit" name="intent" value="move" className="button small secondary" disabled={first} aria-label={`Move ${label} up`}>
          ↑
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name={refName} value={id} />
        <input type="hidden" name="direction" value="down" />
        <button type="submit" name="intent" value="move" className="button small secondary" disabled={last} aria-label={`Move ${label} down`}>
          ↓
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name={refName} value={id} />
        <button type="submit" name="intent" value="delete" className="button small danger" aria-label={`Delete ${label}`}>
          Delete
        </button>
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
          <button type="submit" name="intent" value="discard" className="button danger">
            Delete this draft
          </button>
        </Form>
      </div>
    </section>
  );
}
