import { Form, Link } from "@remix-run/react";
import { CheckboxGroup, ErrorSummary, useValidatedForm, SubmitButton, TextAreaField } from "~/components/form";
import { StatusBadge } from "~/components/provider/status";
import { openDeltaReviewSchema, type MaterialChangeKind } from "~/domain/material-changes";
import type { ApplicationStatus } from "~/domain/workflow";
import type { FieldErrors } from "~/domain/forms";

type Answer = { formId?: string; errors: FieldErrors; values: Record<string, unknown> } | undefined;

/**
 * Staff open a delta review (decision 045): the accredited courses the change touches, copied into a short
 * application for the provider to revise. A syllabus change preselects every course.
 */
export function OpenDeltaReviewForm({ courses, kind, answer }: { courses: { id: string; title: string }[]; kind: MaterialChangeKind; answer: Answer }) {
  const mine = answer?.formId === "delta" ? answer : undefined;
  const defaultValues = { intent: "delta", courseIds: kind === "syllabus" ? courses.map((c) => c.id) : [], note: "", ...mine?.values };
  const form = useValidatedForm(openDeltaReviewSchema, { serverErrors: mine?.errors, defaultValues });
  return (
    <Form method="post" className="form card" noValidate onSubmit={form.onSubmit} aria-labelledby="delta-heading">
      <h2 id="delta-heading">Open a delta review</h2>
      <p className="small">
        The chosen courses are copied into a short application for the provider to revise and submit. Reviewers score those courses only and the board decides; if
        accredited, the revisions replace the courses in the scope and the credential.
      </p>
      <ErrorSummary errors={mine?.errors} />
      <input type="hidden" {...form.register("intent")} />
      <CheckboxGroup
        fieldId="delta-courses"
        legend="Accredited courses the change touches"
        options={courses.map((c) => [c.id, c.title])}
        checked={defaultValues.courseIds}
        error={form.errorFor("courseIds")}
        inputProps={form.register("courseIds")}
      />
      <TextAreaField form={form} name="note" id="delta-note" label="What to revise" hint="For the provider, optional." rows={3} />
      <SubmitButton>Open the delta review</SubmitButton>
    </Form>
  );
}

/** Where the delta review opened on a report stands, with a link to it. */
export function DeltaReviewLink({ delta, href }: { delta: { id: string; status: ApplicationStatus }; href: string }) {
  return (
    <p>
      Delta review: <Link to={href}>open the delta application</Link> <StatusBadge status={delta.status} />
    </p>
  );
}
