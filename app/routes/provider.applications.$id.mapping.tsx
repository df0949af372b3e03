import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, Field, useValidatedForm } from "~/components/form";
import { CoverageLegend, CoverageMatrix, CoverageSummary } from "~/components/provider/coverage-matrix";
import { answerFor, ReadOnlyNotice, SavedNotice } from "~/components/provider/section";
import { addMappingSchema, deleteMappingSchema, DEPTH_CHOICES, LEVEL_LABELS, updateMappingSchema } from "~/domain/application-forms";
import { courseCoverage, DEPTH_LABEL } from "~/domain/coverage";
import { parseForm, type FieldErrors } from "~/domain/forms";
import { can } from "~/domain/policy";
import { db } from "~/services/db.server";
import { refusalResponse } from "~/http.server";
import { addMapping, deleteMapping, frameworkCompetencies, setMappingDepth } from "~/services/application-mapping.server";
import { loadApplicationData, requireMemberApplication } from "~/services/applications.server";
import { suggestionsForModules } from "~/services/suggestions.server";
import { sectionErrorBoundary } from "~/components/route-error";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application, organisation, facts } = await requireMemberApplication(request, params.id);
  const editable = can(user, "application:edit", facts);
  const [{ courses }, competencies] = await Promise.all([loadApplicationData(db, application.id, { application, organisation }), frameworkCompetencies(db, application.frameworkId)]);
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
      modules: c.modules.map((m) => ({ id: m.id, title: m.title, learningOutcomes: m.learningOutcomes, mappings: m.mappings, suggestions: suggestions[m.id] ?? [] })),
    })),
  };
}

type Answer = { formId: string; errors: FieldErrors; values: Record<string, unknown> };
const answer = (formId: string, errors: FieldErrors, values: Record<string, unknown>, status: number) => data<Answer>({ formId, errors, values }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application, facts } = await requireMemberApplication(request, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const formId = intent === "map" ? `map:${String(formData.get("moduleId"))}` : `mapping:${String(formData.get("mappingId"))}`;
  const schema = intent === "set-depth" ? updateMappingSchema : intent === "unmap" ? deleteMappingSchema : addMappingSchema;
  const parsed = parseForm(formData, schema);
  if (!parsed.success) return answer(formId, parsed.errors, parsed.values, 400);
  if (!can(user, "application:edit", facts)) return answer(formId, { form: "This application cannot be edited now." }, {}, 409);
  const d = parsed.data;
  const result =
    d.intent === "set-depth"
      ? await setMappingDepth(db, user, application.id, d.mappingId, d.depth)
      : d.intent === "unmap"
        ? await deleteMapping(db, user, application.id, d.mappingId)
        : await addMapping(db, user, application.id, d);
  if (!result.ok) return refusalResponse<Record<string, unknown>, { formId: string }>(result, Object.fromEntries(formData.entries()), { formId });
  const moduleId = d.intent === "map" ? d.moduleId : String(formData.get("moduleId") ?? "");
  return redirect(`/provider/applications/${application.id}/mapping?saved=1${moduleId ? `#module-${moduleId}` : ""}`);
}

type LoaderData = Awaited<ReturnType<typeof loader>>;
type ModuleData = LoaderData["courses"][number]["modules"][number];
type CompetencyOption = LoaderData["competencies"][number];

export default function MappingSection() {
  const { courses, competencies, editable } = useLoaderData<typeof loader>();
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
      {courses.map((course) => {
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
                <summary>Coverage matrix (competencies × modules)</summary>
                <CoverageLegend />
                <CoverageMatrix coverage={coverage} modules={course.modules} caption={`Coverage of ${course.title}: competencies by module, with depth`} />
                <ol className="small muted">
                  {course.modules.map((m, i) => (
                    <li key={m.id}>
                      M{i + 1}: {m.title}
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
            <h3>Modules</h3>
            {course.modules.map((m, i) => (
              <ModuleMapping key={m.id} module={m} index={i} competencies={competencies} editable={editable} />
            ))}
          </section>
        );
      })}
    </>
  );
}

function ModuleMapping({ module: m, index, competencies, editable }: { module: ModuleData; index: number; competencies: CompetencyOption[]; editable: boolean }) {
  const actionData = useActionData<typeof action>();
  const mappingErrors = m.mappings.map((x) => answerFor(actionData, `mapping:${x.id}`)).find(Boolean);
  const mapped = new Set(m.mappings.map((x) => x.competencyId));
  return (
    <article id={`module-${m.id}`} className="module-mapping">
      <h4>
        M{index + 1}. {m.title}
      </h4>
      <p className="small muted" style={{ whiteSpace: "pre-wrap" }}>
        {m.learningOutcomes}
      </p>
      <ErrorSummary errors={mappingErrors?.errors} />
      {m.mappings.length === 0 ? (
        <p className="alert warn small">Not mapped yet: every module must map to at least one competency.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Competencies mapped to {m.title}</caption>
            <thead>
              <tr>
                <th scope="col">Competency</th>
                <th scope="col">Depth</th>
                {editable ? (
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {m.mappings.map((x) => (
                <tr key={x.id}>
                  <td>
                    <span className="mono">{x.code}</span> {x.title}
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
                  <td>
                    {editable ? (
                      <Form method="post" className="row">
                        <input type="hidden" name="intent" value="set-depth" />
                        <input type="hidden" name="mappingId" value={x.id} />
                        <input type="hidden" name="moduleId" value={m.id} />
                        <label className="visually-hidden" htmlFor={`depth-${x.id}`}>
                          Depth of {x.code} in {m.title}
                        </label>
                        <select id={`depth-${x.id}`} name="depth" defaultValue={x.depth}>
                          {DEPTH_CHOICES.map((dep) => (
                            <option key={dep} value={dep}>
                              {DEPTH_LABEL[dep]}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button small secondary">
                          Set depth<span className="visually-hidden"> of {x.code}</span>
                        </button>
                      </Form>
                    ) : (
                      DEPTH_LABEL[x.depth]
                    )}
                  </td>
                  {editable ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="unmap" />
                        <input type="hidden" name="mappingId" value={x.id} />
                        <input type="hidden" name="moduleId" value={m.id} />
                        <button type="submit" className="button small danger">
                          Remove<span className="visually-hidden"> {x.code} from {m.title}</span>
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && m.suggestions.length > 0 ? (
        <div className="suggestions">
          <h5>Suggested competencies</h5>
          <ul aria-label={`Suggested competencies for ${m.title}`}>
            {m.suggestions.map((s) => (
              <li key={s.competencyId} className="row">
                <span>
                  <span className="mono">{s.code}</span> {s.title}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="map" />
                  <input type="hidden" name="moduleId" value={m.id} />
                  <input type="hidden" name="competencyId" value={s.competencyId} />
                  <input type="hidden" name="depth" value="practised" />
                  <input type="hidden" name="fromSuggestion" value="1" />
                  <button type="submit" className="button small">
                    Add as practised<span className="visually-hidden">: {s.code} to {m.title}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {editable ? <AddMappingForm key={`${m.id}:${m.mappings.length}`} moduleId={m.id} moduleTitle={m.title} competencies={competencies.filter((c) => !mapped.has(c.id))} /> : null}
    </article>
  );
}

function AddMappingForm({ moduleId, moduleTitle, competencies }: { moduleId: string; moduleTitle: string; competencies: CompetencyOption[] }) {
  const mine = answerFor(useActionData<typeof action>(), `map:${moduleId}`);
  const form = useValidatedForm(addMappingSchema, { serverErrors: mine?.errors, defaultValues: { intent: "map", moduleId, competencyId: "", depth: "practised", ...mine?.values } });
  const areas = [...new Set(competencies.map((c) => c.area ?? "Other"))];
  return (
    <details open={Boolean(mine)}>
      <summary>Map another competency to {moduleTitle}</summary>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary errors={mine?.errors} />
        <input type="hidden" {...form.register("intent")} />
        <input type="hidden" {...form.register("moduleId")} />
        <Field id={`competency-${moduleId}`} label="Competency" error={form.errorFor("competencyId")}>
          {(p) => (
            <select {...p} {...form.register("competencyId")}>
              <option value="">Choose a competency…</option>
              {areas.map((area) => (
                <optgroup key={area} label={area}>
                  {competencies
                    .filter((c) => (c.area ?? "Other") === area)
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.code} {c.title}
                        {c.core ? " (core)" : ""}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field id={`depth-new-${moduleId}`} label="Depth" error={form.errorFor("depth")}>
          {(p) => (
            <select {...p} {...form.register("depth")}>
              {DEPTH_CHOICES.map((dep) => (
                <option key={dep} value={dep}>
                  {DEPTH_LABEL[dep]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div>
          <button type="submit" className="button secondary">
            Map competency
          </button>
        </div>
      </Form>
    </details>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
