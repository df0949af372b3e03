import { Form } from "@remix-run/react";
import { resolveDisputeSchema } from "~/domain/disputes";
import { statusLabel } from "~/domain/workflow";
import { ErrorSummary, useValidatedForm, FieldError, SubmitButton, TextAreaField } from "~/components/form";
import { DisputeList, type DisputeItem } from "~/components/review/dispute-list";
import type { SectionProps } from "./types";

const DISPUTE_DONE: Record<string, string> = {
  dispute_upheld: "Dispute upheld. The mapping stays out of coverage, and the reviewer who raised it has been emailed.",
  dispute_dismissed: "Dispute dismissed. The mapping counts toward coverage again unless another dispute is open, and the reviewer who raised it has been emailed.",
};

export function Disputes({ view, actionData, done }: SectionProps & { done: string | null }) {
  const open = view.disputes.flatMap((m) => m.disputes).filter((d) => d.state === "open").length;
  return (
    <section className="card" aria-labelledby="disputes">
      <h2 id="disputes">Mapping disputes</h2>
      {done && DISPUTE_DONE[done] ? (
        <p className="alert success" role="status">
          {DISPUTE_DONE[done]}
        </p>
      ) : null}
      {open > 0 && !view.canResolveDisputes ? (
        <p className="alert info">
          {view.permissions.screen
            ? `Disputes can be resolved while the application is submitted or under review; it is ${statusLabel(view.application.status).toLowerCase()}.`
            : "You belong to the applying organisation, so you cannot resolve its disputes."}
        </p>
      ) : null}
      <DisputeList
        mappings={view.disputes}
        empty="No reviewer disputes a mapping."
        actions={(m, d) =>
          d.state === "open" && view.canResolveDisputes ? <ResolveDisputeForm dispute={d} mapping={`${m.code} in ${m.moduleTitle}`} actionData={actionData} /> : null
        }
      />
    </section>
  );
}

/** Uphold or dismiss one open dispute, with the reason. Plain radios and a textarea: works without JavaScript. */
function ResolveDisputeForm({ dispute, mapping, actionData }: { dispute: DisputeItem; mapping: string; actionData: SectionProps["actionData"] }) {
  const mine = actionData?.intent === "resolve_dispute" && (actionData.values as Record<string, unknown>).disputeId === dispute.id;
  const serverErrors = mine ? actionData.errors : null;
  const echoed = mine ? (actionData.values as Record<string, unknown>) : {};
  const form = useValidatedForm(resolveDisputeSchema, {
    serverErrors,
    defaultValues: {
      intent: "resolve_dispute",
      disputeId: dispute.id,
      note: typeof echoed.note === "string" ? echoed.note : "",
      // The radios keep their own defaultChecked: a default value here would set their value attribute too.
    },
  });
  const chosen = typeof echoed.resolution === "string" ? echoed.resolution : "";
  const headingId = `resolve-${dispute.id}-heading`;
  const resolutionError = form.errorFor("resolution");
  return (
    <Form method="post" className="form" onSubmit={form.onSubmit} noValidate aria-labelledby={headingId}>
      <h3 id={headingId} className="small">
        Resolve {dispute.raisedByName}&apos;s dispute of {mapping}
      </h3>
      <ErrorSummary errors={serverErrors} />
      <input type="hidden" {...form.register("intent")} defaultValue="resolve_dispute" />
      <input type="hidden" {...form.register("disputeId")} defaultValue={dispute.id} />
      <fieldset className="field" aria-describedby={resolutionError ? `resolution-${dispute.id}-error` : undefined}>
        <legend>Outcome</legend>
        <div className="checks">
          <label>
            <input type="radio" value="upheld" defaultChecked={chosen === "upheld"} {...form.register("resolution")} /> Uphold: the mapping is wrong and stays out of coverage
          </label>
          <label>
            <input type="radio" value="dismissed" defaultChecked={chosen === "dismissed"} {...form.register("resolution")} /> Dismiss: the mapping stands and counts again
          </label>
        </div>
        <FieldError fieldId={`resolution-${dispute.id}`} error={resolutionError} />
      </fieldset>
      <TextAreaField form={form} name="note" id={`resolution-note-${dispute.id}`} label="Reason" hint="Emailed to the reviewer who raised the dispute; if you uphold it, the provider sees it too." rows={3} />
      <SubmitButton row className="button secondary">Resolve dispute</SubmitButton>
    </Form>
  );
}

