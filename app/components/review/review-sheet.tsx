import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { formatDateTime, formatPercent } from "~/domain/format";
import type { FieldErrors } from "~/domain/forms";
import { commentFieldName, reviewSheetSchema, scoreFieldName } from "~/domain/review-forms";
import { CONFIDENCE_LABELS, RECOMMENDATION_LABELS, SCORE_MAX, SCORES, type Confidence, type Recommendation } from "~/domain/scoring";
import { ErrorSummary, Field, useValidatedForm, FieldError, SubmitButton } from "~/components/form";
import { ConfirmSubmit } from "~/components/ui/confirm-submit";
import { CodeTitle } from "~/components/ui/code-title";

type Criterion = { id: string; code: string; title: string; weight: number; guidance: string | null; descriptors: Record<number, string> };
type Draft = {
  summary: string | null;
  confidence: Confidence | null;
  recommendation: Recommendation | null;
  updatedAt: string | Date;
  scores: Record<string, { score: number | null; comment: string } | undefined>;
};
type AutosaveAnswer = { intent: "autosave"; savedAt: string } | { intent: "sheet"; errors: FieldErrors };

/** Quiet time after the last change before the draft is saved. */
const AUTOSAVE_DELAY_MS = 1200;

/**
 * The rubric. With JavaScript the draft saves itself a moment after each change (through a fetcher, so the page
 * stays put) and says so beside the buttons; "Save draft" still works, and is the way without JavaScript.
 * The weighted total is worked out as the reviewer scores, with the same weights the board sees.
 */
export function ReviewSheet({ criteria, review, errors, values }: { criteria: Criterion[]; review: Draft | null; errors: FieldErrors | null; values: Record<string, unknown> | null }) {
  const ids = criteria.map((c) => c.id);
  const schema = useMemo(() => reviewSheetSchema(ids), [ids.join(",")]); // eslint-disable-line react-hooks/exhaustive-deps
  const fromDraft: Record<string, unknown> = { summary: review?.summary ?? "", confidence: review?.confidence ?? "", recommendation: review?.recommendation ?? "" };
  for (const c of criteria) {
    const entry = review?.scores[c.id];
    fromDraft[scoreFieldName(c.id)] = entry?.score === null || entry?.score === undefined ? "" : String(entry.score);
    fromDraft[commentFieldName(c.id)] = entry?.comment ?? "";
  }
  const defaults: Record<string, unknown> = { ...fromDraft, ...(values ?? {}) };
  // Rendered into the HTML too, so the form shows the draft without JavaScript.
  const initial = (name: string) => (typeof defaults[name] === "string" ? (defaults[name] as string) : "");
  const form = useValidatedForm(schema, { serverErrors: errors, defaultValues: defaults });
  const autosave = useAutosave();
  const watched = form.watch();
  const total = liveTotal(criteria, (id) => watched[scoreFieldName(id)]);

  return (
    // Not noValidate: without JavaScript the confirm checkbox beside "Submit review" is required by the browser;
    // "Save draft" skips that check (formNoValidate). No other field carries a native constraint.
    <Form
      method="post"
      className="form"
      onSubmit={(event) => {
        // A pressed button saves or submits everything now; a pending autosave would only repeat (or race) it.
        autosave.cancel();
        form.onSubmit(event);
      }}
      onChange={autosave.onChange}
      aria-label="Rubric"
    >
      <ErrorSummary errors={errors} />
      {review ? (
        <p className="small muted">Draft last saved {formatDateTime(review.updatedAt)}.</p>
      ) : (
        <p className="small muted">Your draft is saved as you go; submit when every criterion is scored. A submitted review cannot be changed.</p>
      )}
      {criteria.map((c) => {
        const error = form.errorFor(scoreFieldName(c.id));
        // One registration for the criterion's five radios: react-hook-form groups them by name through the one ref.
        const scoreInput = form.register(scoreFieldName(c.id));
        return (
          <fieldset key={c.id} aria-describedby={error ? `${scoreFieldName(c.id)}-error` : undefined}>
            <legend>
              <CodeTitle item={c} /> <span className="muted small">(weight {c.weight})</span>
            </legend>
            {c.guidance ? <p className="hint">{c.guidance}</p> : null}
            <div className="score-scale">
              {SCORES.map((score) => (
                <label key={score}>
                  <input type="radio" value={String(score)} defaultChecked={initial(scoreFieldName(c.id)) === String(score)} {...scoreInput} />
                  <span>
                    <strong>{score}</strong> — {c.descriptors[score] ?? ""}
                  </span>
                </label>
              ))}
            </div>
            <FieldError fieldId={scoreFieldName(c.id)} error={error} />
            <Field id={commentFieldName(c.id)} label={`Comment on ${c.code}`} error={form.errorFor(commentFieldName(c.id))}>
              {(p) => <textarea {...p} defaultValue={initial(commentFieldName(c.id))} {...form.register(commentFieldName(c.id))} rows={3} />}
            </Field>
          </fieldset>
        );
      })}
      <RadioGroup name="confidence" legend="Your confidence in this review" labels={CONFIDENCE_LABELS} initial={initial("confidence")} form={form} />
      <RadioGroup name="recommendation" legend="Your recommendation" labels={RECOMMENDATION_LABELS} initial={initial("recommendation")} form={form} />
      <Field id="summary" label="Summary" hint="Strengths, weaknesses and any conditions you would attach. The board reads this." error={form.errorFor("summary")}>
        {(p) => <textarea {...p} defaultValue={initial("summary")} {...form.register("summary")} rows={6} />}
      </Field>
      <p>
        Weighted total: <strong>{total.scored === 0 ? "—" : formatPercent(total.percent)}</strong>{" "}
        <span className="muted small">
          {total.scored === criteria.length ? "(every criterion scored)" : `(so far, on ${total.scored} of ${criteria.length} criteria)`}
        </span>
      </p>
      <div className="row">
        <SubmitButton name="intent" value="save" className="button secondary" formNoValidate>Save draft</SubmitButton>
        <ConfirmSubmit
          name="intent"
          value="submit"
          question="Submit your review? A submitted review is final: you cannot change it, and the other reviewers' reviews become visible to you."
          confirmLabel="Submit, final"
          checkboxLabel="I understand a submitted review cannot be changed"
        >
          Submit review
        </ConfirmSubmit>
        {/* A polite live region, not role="status": the page's own status message (after "Save draft") stays the one status. */}
        <span aria-live="polite" className="small muted">
          {autosave.message}
        </span>
      </div>
    </Form>
  );
}

/** Weighted score of the criteria scored so far, as a percentage of their maximum. */
function liveTotal(criteria: Criterion[], scoreOf: (id: string) => unknown) {
  let got = 0;
  let max = 0;
  let scored = 0;
  for (const c of criteria) {
    const raw = scoreOf(c.id);
    if (raw === "" || raw === undefined || raw === null) continue;
    scored += 1;
    got += c.weight * Number(raw);
    max += c.weight * SCORE_MAX;
  }
  return { scored, percent: max > 0 ? (got / max) * 100 : null };
}

/** Save the draft a moment after the last change, through a fetcher; report what happened in words. */
function useAutosave() {
  const fetcher = useFetcher<AutosaveAnswer>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [pending, setPending] = useState(false);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    clearTimeout(timer.current);
    setPending(true);
    timer.current = setTimeout(() => {
      const data = new FormData(formElement);
      data.set("intent", "save");
      data.set("autosave", "1");
      fetcher.submit(data, { method: "post" });
      setPending(false);
    }, AUTOSAVE_DELAY_MS);
  };
  let message = "";
  if (fetcher.state !== "idle") message = "Saving…";
  else if (pending) message = "Unsaved changes";
  else if (fetcher.data?.intent === "autosave") message = `Draft saved ${formatDateTime(fetcher.data.savedAt)}`;
  else if (fetcher.data?.intent === "sheet") message = `Not saved: ${Object.values(fetcher.data.errors)[0] ?? "try Save draft"}`;
  const cancel = () => {
    clearTimeout(timer.current);
    setPending(false);
  };
  return { onChange, cancel, message };
}

function RadioGroup<K extends string>({
  name,
  legend,
  labels,
  initial,
  form,
}: {
  name: string;
  legend: string;
  labels: Record<K, string>;
  initial: string;
  form: ReturnType<typeof useValidatedForm>;
}) {
  const error = form.errorFor(name);
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="checks">
        {(Object.keys(labels) as K[]).map((key) => (
          <label key={key}>
            <input type="radio" value={key} defaultChecked={initial === key} {...form.register(name)} />
            {labels[key]}
          </label>
        ))}
      </div>
      <FieldError fieldId={name} error={error} />
    </fieldset>
  );
}
