import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { ErrorSummary } from "~/components/form";
import { CoverageHeatmap, CoverageLegend } from "~/components/coverage-heatmap";
import { CoverageSummary } from "~/components/provider/coverage-summary";
import { answerFor, ReadOnlyNotice, SavedNotice } from "~/components/provider/section";
import { AddMappingForm, DepthForm, isOnItsWay, MapAnotherToggle, ModuleSaveState, RemoveForm, SuggestionsForm, useOptimisticModules, type CompetencyOption, type MappingAnswer } from "~/components/provider/mapping-forms";
import { addMappingSchema, deleteMappingSchema, LEVEL_LABELS, updateMappingSchema } from "~/domain/application-forms";
import { courseCoverage, DEPTH_LABEL } from "~/domain/coverage";
import { can } from "~/domain/policy";
import { db } from "~/services/db.server";
import { runSectionForm, sectionStep } from "~/http.server";
import { addMapping, deleteMapping, frameworkCompetencies, setMappingDepth } from "~/services/application-mapping.server";
import { memberApplicationData, requireMemberApplication } from "~/services/applications.server";
import { suggestionsForModules } from "~/services/suggestions.server";
import { sectionErrorBoundary } from "~/components/route-error";
import { DataTable } from "~/components/ui/list-table";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application, organisation, facts } = await requireMemberApplication(request, params.id);
  const editable = can(user, "application:edit", facts);
  const [{ courses }, competencies] = await Promise.all([memberApplicationData(request, { application, organisation }), frameworkCompetencies(db, application.frameworkId)]);
  const allModules = courses.flatMap((c) => c.modules);
  const suggestions = editable
    ? await suggestionsForModules(
        db,
        application.frameworkId,
        allModules.map((m) => ({ id: m.id, title: m.title, learningOutcomes: m.learningOutcomes, mappedCompetencyIds: m.mappings.map((x) => x.competencyId) })),
      )
    : {};
  return {
    editable,
    competencies: competencies.map((c) => ({ id: c.id, code: c.code, title: c.title, level: c.level, core: c.core, area: c.area?.title ?? null })),
    courses: courses.map((c) => ({
      id: c.id,
      title: c.title,
      level: c.level,
      // A suggestion is its competency's id: its code and title are in `competencies` already.
      modules: c.modules.map((m) => ({ id: m.id, title: m.title, learningOutcomes: m.learningOutcomes, mappings: m.mappings, suggestions: (suggestions[m.id] ?? []).map((s) => s.competencyId) })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application, facts } = await requireMemberApplication(request, params.id);
  const formData = await request.formData();
  const formId = formData.get("intent") === "map" ? `map:${String(formData.get("moduleId"))}` : `mapping:${String(formData.get("mappingId"))}`;
  const steps = {
    map: sectionStep(addMappingSchema, (d) => addMapping(db, user, application.id, d)),
    "set-depth": sectionStep(updateMappingSchema, (d) => setMappingDepth(db, user, application.id, d.mappingId, d.depth)),
    unmap: sectionStep(deleteMappingSchema, (d) => deleteMapping(db, user, application.id, d.mappingId)),
  };
  const done = await runSectionForm(formData, steps, formId, can(user, "application:edit", facts));
  if (!done.ok) return done.answer;
  const d = done.input;
  const moduleId = d.intent === "map" ? d.moduleId : String(formData.get("moduleId") ?? "");
  // A fetcher (JavaScript on) asks for a small answer and updates the page in place; a plain form is sent back.
  if (formData.get("respond") === "data") return data<MappingAnswer>({ formId, saved: true });
  return redirect(`/provider/applications/${application.id}/mapping?saved=1${moduleId ? `#module-${moduleId}` : ""}`);
}

type LoaderData = Awaited<ReturnType<typeof loader>>;
type ModuleData = LoaderData["courses"][number]["modules"][number];
/** Which module's "map another competency" form is open (one at a time), and whether a click opened or closed it. */
type OpenForm = { moduleId: string | null; byClick: boolean; closed?: string };

export default function MappingSection() {
  const { courses, competencies, editable } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const [open, setOpen] = useState<OpenForm>({ moduleId: params.get("map"), byClick: false });
  // Edits on their way show at once (in the module and the coverage matrix); the loaders then confirm them.
  const optimistic = useOptimisticModules(
    courses.flatMap((c) => c.modules),
    competencies,
  );
  return (
    <>
      <h1>Competency mapping</h1>
      <p className="muted">
        For each module, choose the competencies of the framework it teaches and how deeply: <strong>introduced</strong> (explained),{" "}
        <strong>practised</strong> (participants do it in exercises) or <strong>assessed</strong> (participants are tested on it). Suggestions come from
        matching the module&apos;s learning outcomes against the framework.
      </p>
      <SavedNotice />
      <ReadOnlyNotice editable={editable} />
      {courses.length === 0 || courses.every((c) => c.modules.length === 0) ? (
        <div className="empty-state">
          <strong>No modules to map yet</strong>
          <p>
            Add your courses and their modules first, in <Link to="../courses">Courses and modules</Link>.
          </p>
        </div>
      ) : null}
      {courses.map((loaded) => {
        const course = { ...loaded, modules: optimistic.filter((m) => loaded.modules.some((x) => x.id === m.id)) };
        const coverage = courseCoverage({
          courseLevel: course.level,
          competencies,
          modules: course.modules,
          mappings: course.modules.flatMap((m) => m.mappings.map((x) => ({ moduleId: m.id, competencyId: x.competencyId, depth: x.depth, disputed: x.disputed }))),
        });
        return (
          <section key={course.id} className="card" aria-labelledby={`map-course-${course.id}`}>
            <h2 id={`map-course-${course.id}`}>
              {course.title} <span className="muted small">({LEVEL_LABELS[course.level]})</span>
            </h2>
            <h3>Coverage</h3>
            <CoverageSummary coverage={coverage} level={LEVEL_LABELS[course.level].toLowerCase()} />
            {course.modules.length > 0 ? (
              <details open>
                <summary>Coverage matrix: the competencies this course maps or must cover, by module</summary>
                <CoverageLegend />
                <CoverageHeatmap coverage={coverage} modules={course.modules} caption={`Coverage of ${course.title}: competencies by module, with depth`} />
              </details>
            ) : null}
            <h3>Modules</h3>
            {course.modules.map((m, i) => (
              <ModuleMapping key={m.id} module={m} index={i} competencies={competencies} editable={editable} open={open} setOpen={setOpen} />
            ))}
          </section>
        );
      })}
    </>
  );
}

function ModuleMapping({
  module: m,
  index,
  competencies,
  editable,
  open,
  setOpen,
}: {
  module: ModuleData;
  index: number;
  competencies: CompetencyOption[];
  editable: boolean;
  open: OpenForm;
  setOpen: (open: OpenForm) => void;
}) {
  const actionData = useActionData<typeof action>();
  const addAnswer = answerFor(actionData, `map:${m.id}`);
  const mappingErrors = m.mappings.map((x) => answerFor(actionData, `mapping:${x.id}`)).find(Boolean);
  // The suggestions as the page first listed them, kept in place for as long as the page is open: one accepted turns
  // into "Adding…" and then "Added" in its own row. The server's list leaves out what a module maps and refills with
  // the next best, so following it moved the rows after an accepted one (or everything below the list) when the answer
  // came, under a pointer already on its way to the next suggestion: that click was lost. The next best shows on the
  // next visit (and at once without JavaScript, whose every post comes back to a fresh page).
  const [listed] = useState(m.suggestions);
  const mappingOf = new Map(m.mappings.map((x) => [x.competencyId, x]));
  const suggestions = listed.flatMap((id) => {
    const competency = competencies.find((c) => c.id === id);
    const mapping = mappingOf.get(id);
    return competency ? [{ ...competency, state: !mapping ? ("offered" as const) : isOnItsWay(mapping) ? ("adding" as const) : ("added" as const) }] : [];
  });
  return (
    <article id={`module-${m.id}`} className="module-mapping">
      <h4>{`M${index + 1}. ${m.title}`}</h4>
      {editable ? <ModuleSaveState moduleId={m.id} /> : null}
      <p className="small muted" style={{ whiteSpace: "pre-wrap" }}>
        {m.learningOutcomes}
      </p>
      <ErrorSummary errors={mappingErrors?.errors} />
      {m.mappings.length === 0 ? (
        <p className="alert warn small">Not mapped yet: every module must map to at least one competency.</p>
      ) : (
        <DataTable caption={`Competencies mapped to ${m.title}`} headings={["Competency", "Depth", editable && { hidden: "Remove" }]}>
          {m.mappings.map((x) => (
            <tr key={x.competencyId} data-competency={x.competencyId}>
              <td>
                <span className="mono">{x.code}</span>
                {` ${x.title}`}
                {x.upheldNotes.length > 0 ? (
                  <span className="badge bad">not counted: dispute upheld</span>
                ) : x.disputed ? (
                  <span className="badge warn">disputed by a reviewer</span>
                ) : null}
                {x.fromSuggestion ? <span className="small muted"> (suggested)</span> : null}
                {x.upheldNotes.map((note, i) => (
                  <p key={i} className="small" style={{ whiteSpace: "pre-wrap" }}>
                    The programme team upheld a reviewer&apos;s dispute of this mapping, so it does not count toward coverage: {note}
                  </p>
                ))}
              </td>
              <td>{editable ? <DepthForm key={x.id} mapping={x} module={m} /> : DEPTH_LABEL[x.depth]}</td>
              {editable ? (
                <td>
                  <RemoveForm key={x.id} mapping={x} module={m} />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {editable && suggestions.length > 0 ? (
        <div className="suggestions">
          <h5>Suggested competencies</h5>
          <SuggestionsForm module={m} suggestions={suggestions} />
        </div>
      ) : null}
      {!editable ? null : open.moduleId === m.id || addAnswer ? (
        <AddMappingForm
          key={m.id}
          moduleId={m.id}
          moduleTitle={m.title}
          competencies={competencies.filter((c) => !mappingOf.has(c.id))}
          answer={addAnswer}
          focus={open.byClick}
          onClose={() => setOpen({ moduleId: null, byClick: true, closed: m.id })}
        />
      ) : (
        <MapAnotherToggle moduleId={m.id} moduleTitle={m.title} focus={open.closed === m.id} onOpen={(moduleId) => setOpen({ moduleId, byClick: true })} />
      )}
    </article>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
