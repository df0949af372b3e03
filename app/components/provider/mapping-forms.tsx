/**
 * The forms of the provider's competency mapping page (issue 17: "mapping edits and suggestions apply in place").
 * Each is a fetcher form: with JavaScript it posts with `respond=data`, the action answers with a small result
 * instead of a redirect, and the page shows the change at once (from the fetcher's form data) while the loaders
 * revalidate in the background, with no navigation and no document render. Without JavaScript the same markup is
 * a plain form that posts and is redirected back to the module, as before.
 */
import { Form, useFetcher, useFetchers, useSubmit, type FetcherWithComponents } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ErrorSummary, Field, useValidatedForm, Options, SubmitButton } from "~/components/form";
import { useHydrated } from "~/components/ui/hydrated";
import { addMappingSchema, DEPTH_CHOICES } from "~/domain/application-forms";
import { DEPTH_LABEL } from "~/domain/coverage";
import type { FieldErrors } from "~/domain/forms";

type Depth = (typeof DEPTH_CHOICES)[number];
/** A mapping as the page shows it (the loader's MappingView; components may not import server modules). */
type MappingRowData = { id: string; competencyId: string; code: string; title: string; depth: Depth; fromSuggestion: boolean; disputed: boolean; upheldNotes: string[] };
export type CompetencyOption = { id: string; code: string; title: string; level: string | null; core: boolean; area: string | null };
type ModuleLike = { id: string; title: string; mappings: MappingRowData[] };
/** What the mapping action answers: a refusal's field errors, or (in place) that the change was saved. */
export type MappingAnswer = { formId?: string; errors?: FieldErrors; values?: Record<string, unknown>; saved?: boolean };

/** Asks the action to answer with data instead of a redirect; rendered only once JavaScript runs. */
function InPlace() {
  return useHydrated() ? <input type="hidden" name="respond" value="data" /> : null;
}

const isDepth = (v: unknown): v is Depth => DEPTH_CHOICES.includes(v as Depth);

const PENDING = "pending:";
/** A mapping shown from a form still on its way (useOptimisticModules), not yet saved: it has no id of its own. */
export const isOnItsWay = (mapping: { id: string }) => mapping.id.startsWith(PENDING);

/**
 * The modules with every mapping edit still on its way applied: a suggestion accepted or a competency mapped shows
 * as mapped, a removed mapping is gone, a changed depth counts at once (in the coverage matrix too).
 */
export function useOptimisticModules<M extends ModuleLike>(modules: M[], competencies: CompetencyOption[]): M[] {
  const pending = useFetchers().flatMap((f) => (f.formData && f.formData.get("respond") === "data" ? [f.formData] : []));
  if (pending.length === 0) return modules;
  return modules.map((m) => {
    let mappings = m.mappings;
    for (const form of pending) {
      const intent = form.get("intent");
      const mappingId = String(form.get("mappingId") ?? "");
      if (intent === "unmap") mappings = mappings.filter((x) => x.id !== mappingId);
      else if (intent === "set-depth" && isDepth(form.get("depth"))) {
        const depth = form.get("depth") as Depth;
        mappings = mappings.map((x) => (x.id === mappingId ? { ...x, depth } : x));
      } else if (intent === "map" && form.get("moduleId") === m.id) {
        const competency = competencies.find((c) => c.id === form.get("competencyId"));
        const depth = form.get("depth");
        // In the place the server's answer will list it (by code), so no row moves when it comes: a row moving above
        // the viewport's anchor makes the browser scroll to keep the anchor still, and the page then moved under the pointer.
        if (competency && isDepth(depth) && !mappings.some((x) => x.competencyId === competency.id))
          mappings = [
            ...mappings,
            { id: `${PENDING}${competency.id}`, competencyId: competency.id, code: competency.code, title: competency.title, depth, fromSuggestion: form.get("fromSuggestion") === "1", disputed: false, upheldNotes: [] },
          ].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      }
    }
    return mappings === m.mappings ? m : { ...m, mappings };
  });
}

/** "Saving…" while one of this module's edits is on its way, "Saved." once the last one is; spoken politely. */
export function ModuleSaveState({ moduleId }: { moduleId: string }) {
  const busy = useFetchers().some((f) => f.formData?.get("respond") === "data" && f.formData.get("moduleId") === moduleId);
  const [saved, setSaved] = useState(false);
  const wasBusy = useRef(false);
  useEffect(() => {
    if (wasBusy.current && !busy) setSaved(true);
    if (busy) setSaved(false);
    wasBusy.current = busy;
  }, [busy]);
  return (
    <p className="small muted save-state" role="status">
      {busy ? "Saving…" : saved ? "Saved." : ""}
    </p>
  );
}

function FetcherErrors({ fetcher }: { fetcher: FetcherWithComponents<MappingAnswer> }) {
  return fetcher.state === "idle" && fetcher.data?.errors ? <ErrorSummary errors={fetcher.data.errors} /> : null;
}

/** Depth of one mapping: with JavaScript, choosing a depth saves it (one control); without, a button sends it. */
export function DepthForm({ mapping, module }: { mapping: MappingRowData; module: ModuleLike }) {
  const fetcher = useFetcher<MappingAnswer>({ key: `depth:${mapping.id}` });
  const hydrated = useHydrated();
  const pending = isOnItsWay(mapping);
  return (
    <fetcher.Form method="post" className="row">
      <input type="hidden" name="intent" value="set-depth" />
      <input type="hidden" name="mappingId" value={mapping.id} />
      <input type="hidden" name="moduleId" value={module.id} />
      <InPlace />
      <label className="visually-hidden" htmlFor={`depth-${mapping.id}`}>{`Depth of ${mapping.code} in ${module.title}`}</label>
      <select id={`depth-${mapping.id}`} name="depth" defaultValue={mapping.depth} disabled={pending} onChange={(event) => hydrated && fetcher.submit(event.currentTarget.form)}>
        <Options choices={DEPTH_CHOICES.map((dep) => [dep, DEPTH_LABEL[dep]])} />
      </select>
      {hydrated ? null : (
        <button type="submit" className="button small secondary">
          Set depth<span className="visually-hidden">{` of ${mapping.code}`}</span>
        </button>
      )}
      <FetcherErrors fetcher={fetcher} />
    </fetcher.Form>
  );
}

export function RemoveForm({ mapping, module }: { mapping: MappingRowData; module: ModuleLike }) {
  const fetcher = useFetcher<MappingAnswer>({ key: `unmap:${mapping.id}` });
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="unmap" />
      <input type="hidden" name="mappingId" value={mapping.id} />
      <input type="hidden" name="moduleId" value={module.id} />
      <InPlace />
      <button type="submit" className="button small danger" disabled={isOnItsWay(mapping)}>
        Remove<span className="visually-hidden">{` ${mapping.code} from ${module.title}`}</span>
      </button>
      <FetcherErrors fetcher={fetcher} />
    </fetcher.Form>
  );
}

/**
 * A module's suggestions in one form (issue 19: a form of five hidden inputs per suggestion was 83 KB of a 23-module
 * page). Each "Add as practised" button carries its competency as its name and value, so without JavaScript the button
 * posts the module's fields and its own competency. With JavaScript each suggestion still posts through its own fetcher
 * (`map:<module>:<competency>`), so two accepted in a row are both sent and both shown at once; a refusal is shown
 * under the list. An accepted suggestion stays in its place, as "Adding…" and then "Added" (the route keeps the list
 * as the page first showed it).
 */
/** A listed suggestion: still offered, accepted and on its way, or mapped. */
type ListedSuggestion = { id: string; code: string; title: string; state: "offered" | "adding" | "added" };
const SUGGESTION_BUTTON: Record<ListedSuggestion["state"], { text: string; name: string }> = {
  offered: { text: "Add as practised", name: "Add as practised:" },
  adding: { text: "Adding…", name: "Adding" },
  added: { text: "Added", name: "Added" },
};

export function SuggestionsForm({ module, suggestions }: { module: ModuleLike; suggestions: ListedSuggestion[] }) {
  const submit = useSubmit();
  const [sent, setSent] = useState<string[]>([]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (!(submitter instanceof HTMLButtonElement)) return;
    event.preventDefault();
    const competencyId = submitter.value;
    submit(submitter, { method: "post", navigate: false, fetcherKey: `map:${module.id}:${competencyId}` });
    setSent((keys) => (keys.includes(competencyId) ? keys : [...keys, competencyId]));
  };
  return (
    <Form method="post" onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="map" />
      <input type="hidden" name="moduleId" value={module.id} />
      <input type="hidden" name="depth" value="practised" />
      <input type="hidden" name="fromSuggestion" value="1" />
      <InPlace />
      <ul aria-label={`Suggested competencies for ${module.title}`}>
        {suggestions.map((s) => (
          <li key={s.id} className="row">
            {/* Each text in one string: one text node, not four (115 suggestions on a 23-module page). */}
            <span>
              <span className="mono">{s.code}</span>
              {` ${s.title}`}
            </span>
            {/* The name says which competency and module; it starts with the words shown (WCAG 2.5.3). Accepted, the
                row keeps its place and its size (nothing moves under the pointer), its button disabled. */}
            <button
              type="submit"
              name="competencyId"
              value={s.id}
              className="button small"
              disabled={s.state !== "offered"}
              aria-label={`${SUGGESTION_BUTTON[s.state].name} ${s.code} to ${module.title}`}
            >
              {SUGGESTION_BUTTON[s.state].text}
            </button>
          </li>
        ))}
      </ul>
      {sent.map((competencyId) => (
        <SuggestionErrors key={competencyId} fetcherKey={`map:${module.id}:${competencyId}`} />
      ))}
    </Form>
  );
}

function SuggestionErrors({ fetcherKey }: { fetcherKey: string }) {
  return <FetcherErrors fetcher={useFetcher<MappingAnswer>({ key: fetcherKey })} />;
}

/**
 * "Map another competency": the page holds one such form at a time (issue 19: a 20-module course had a select of every
 * competency in each module, a fifth of the page). Without JavaScript it is a link to `?map=<module>`, whose page
 * renders the form in that module; with JavaScript a button that opens the form in place and focuses it.
 */
export function MapAnotherToggle({ moduleId, moduleTitle, focus, onOpen }: { moduleId: string; moduleTitle: string; focus?: boolean; onOpen: (moduleId: string) => void }) {
  const hydrated = useHydrated();
  const label = `Map another competency to ${moduleTitle}`;
  // Its form was just closed: the focus comes back here rather than to the top of the page.
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) button.current?.focus();
  }, [focus]);
  return (
    <p className="map-another">
      {hydrated ? (
        <button ref={button} type="button" className="link-button" onClick={() => onOpen(moduleId)}>
          {label}
        </button>
      ) : (
        <a href={`?map=${moduleId}#module-${moduleId}`}>{label}</a>
      )}
    </p>
  );
}

/** Map any competency of the framework, checked in the browser first (react-hook-form + zod), then in place. */
export function AddMappingForm({
  moduleId,
  moduleTitle,
  competencies,
  answer,
  focus,
  onClose,
}: {
  moduleId: string;
  moduleTitle: string;
  competencies: CompetencyOption[];
  answer?: MappingAnswer;
  /** Opened by a person's click: the competency select takes the focus. */
  focus?: boolean;
  onClose?: () => void;
}) {
  const fetcher = useFetcher<MappingAnswer>({ key: `map:${moduleId}` });
  const mine = (fetcher.state === "idle" && fetcher.data?.errors ? fetcher.data : undefined) ?? answer;
  const form = useValidatedForm(addMappingSchema, {
    serverErrors: mine?.errors,
    defaultValues: { intent: "map", moduleId, competencyId: "", depth: "practised", ...mine?.values },
    send: (target) => fetcher.submit(target),
  });
  const areas = [...new Set(competencies.map((c) => c.area ?? "Other"))];
  // Mapped: the choice is cleared for the next one (the list of competencies no longer offers the mapped one).
  const { reset, setFocus } = form;
  const saved = fetcher.state === "idle" && fetcher.data?.saved === true;
  useEffect(() => {
    if (saved) reset({ intent: "map", moduleId, competencyId: "", depth: "practised" });
  }, [saved, fetcher.data, reset, moduleId]);
  useEffect(() => {
    if (focus) setFocus("competencyId");
  }, [focus, setFocus]);
  return (
    <div className="map-another">
      <h5>Map another competency to {moduleTitle}</h5>
      <fetcher.Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={mine?.errors} />
        <input type="hidden" {...form.register("intent")} />
        <input type="hidden" {...form.register("moduleId")} />
        <InPlace />
        <Field id={`competency-${moduleId}`} label="Competency" error={form.errorFor("competencyId")}>
          {(p) => (
            <select {...p} {...form.register("competencyId")}>
              <option value="">Choose a competency…</option>
              {areas.map((area) => (
                <optgroup key={area} label={area}>
                  <Options choices={competencies.filter((c) => (c.area ?? "Other") === area).map((c) => [c.id, `${c.code} ${c.title}${c.core ? " (core)" : ""}`])} />
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field id={`depth-new-${moduleId}`} label="Depth" error={form.errorFor("depth")}>
          {(p) => (
            <select {...p} {...form.register("depth")}>
              <Options choices={DEPTH_CHOICES.map((dep) => [dep, DEPTH_LABEL[dep]])} />
            </select>
          )}
        </Field>
        <div className="row">
          <SubmitButton className="button secondary">Map competency</SubmitButton>
          {onClose ? (
            <button type="button" className="button secondary" onClick={onClose}>
              Close<span className="visually-hidden"> the form for {moduleTitle}</span>
            </button>
          ) : null}
        </div>
      </fetcher.Form>
    </div>
  );
}
