import { Form } from "@remix-run/react";
import { formatDate } from "~/domain/format";
import { assignSchema } from "~/domain/review-forms";
import { ErrorSummary, Field, useValidatedForm, FieldError, SubmitButton } from "~/components/form";
import { AssignmentBadge } from "~/components/review/status-badge";
import type { SectionProps } from "./types";
import { DataTable } from "~/components/ui/list-table";

/** The assigned reviewers and, while reviewers can still join, the form to assign one more. */
export function Reviewers({ view, actionData }: SectionProps) {
  const serverErrors = actionData?.intent === "assign" ? actionData.errors : null;
  const form = useValidatedForm(assignSchema, {
    serverErrors,
    defaultValues: { intent: "assign", dueDate: view.defaultDueDate, ...(actionData?.intent === "assign" ? actionData.values : {}) },
  });
  const echoed = actionData?.intent === "assign" ? (actionData.values as Record<string, unknown>) : {};
  const chosen = typeof echoed.reviewerId === "string" ? echoed.reviewerId : "";
  const dueDate = typeof echoed.dueDate === "string" ? echoed.dueDate : view.defaultDueDate;
  const assignable = ["submitted", "under_review", "changes_requested"].includes(view.application.status) && view.permissions.assign;
  return (
    <section className="card" aria-labelledby="reviewers">
      <h2 id="reviewers">Reviewers</h2>
      {view.assignments.length === 0 ? (
        <p className="muted">No reviewer assigned yet.</p>
      ) : (
        <DataTable caption="Assigned reviewers" headings={["Reviewer", "Assignment", "Due", `Review of revision ${view.application.currentRevision}`, "Declaration"]}>
          {view.assignments.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.reviewerName}</th>
              <td>
                <AssignmentBadge status={a.status} />
              </td>
              <td>
                {formatDate(a.dueAt)} {a.overdue ? <span className="badge bad">overdue</span> : null}
              </td>
              <td>{a.reviewStatus === "submitted" ? <span className="badge ok">Submitted</span> : a.reviewStatus === "draft" ? "Draft" : "—"}</td>
              <td className="small">{a.conflictDeclaration ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {assignable ? (
        <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby="assign-heading">
          <h3 id="assign-heading">Assign a reviewer</h3>
          <ErrorSummary errors={serverErrors} />
          <input type="hidden" {...form.register("intent")} defaultValue="assign" />
          <fieldset aria-describedby={form.errorFor("reviewerId") ? "reviewerId-error" : undefined}>
            <legend>Candidates</legend>
            <p className="hint">Sorted by expertise match, then by current load. Members of the applying organisation and reviewers who declared a conflict cannot be assigned.</p>
            {view.candidates.length === 0 ? (
              <p className="empty-state">No reviewers yet. Invite some from Invitations.</p>
            ) : (
              <DataTable caption="Reviewer candidates" headings={["Reviewer", "Expertise match", "Open assignments", "Assignable"]}>
                {view.candidates.map((c) => {
                  const blocked = c.conflict !== null || c.alreadyAssigned;
                  return (
                    <tr key={c.id} className={blocked ? "muted" : undefined}>
                      <th scope="row">
                        <label>
                          <input type="radio" value={c.id} disabled={blocked} defaultChecked={chosen === c.id} {...form.register("reviewerId")} /> {c.name}
                        </label>
                        <br />
                        <span className="small muted">{c.email}</span>
                      </th>
                      <td>{c.matches.length > 0 ? c.matches.join(", ") : <span className="muted">{c.expertise.length > 0 ? `none (${c.expertise.join(", ")})` : "none declared"}</span>}</td>
                      <td>{c.load}</td>
                      <td>{c.conflict ? <span className="badge bad">Not assignable: {c.conflict}</span> : c.alreadyAssigned ? <span className="badge neutral">Already assigned</span> : <span className="badge ok">Yes</span>}</td>
                    </tr>
                  );
                })}
              </DataTable>
            )}
            <FieldError fieldId="reviewerId" error={form.errorFor("reviewerId")} />
          </fieldset>
          <Field id="dueDate" label="Due date" hint="Default: 28 days from today." error={form.errorFor("dueDate")}>
            {(p) => <input type="date" {...p} defaultValue={dueDate} {...form.register("dueDate")} />}
          </Field>
          <SubmitButton row>Assign reviewer</SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

/** Every round side by side: per criterion the mean and range of each revision's reviews. */
