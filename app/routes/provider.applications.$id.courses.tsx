import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { Field, Options, SubmitButton, InputField, TextAreaField, CheckboxGroup } from "~/components/form";
import { answerFor, ReadOnlyNotice, SavedNotice, AddRowCard, RowForm, type RowFormMode } from "~/components/provider/section";
import { addCourseSchema, addModuleSchema, deleteCourseSchema, deleteModuleSchema, DELIVERY_MODE_LABELS, LEVEL_LABELS, moveModuleSchema, updateCourseSchema, updateModuleSchema } from "~/domain/application-forms";
import { can } from "~/domain/policy";
import { db } from "~/services/db.server";
import { runSectionForm, sectionStep } from "~/http.server";
import { addCourse, addModule, deleteCourse, deleteModule, moveModule, updateCourse, updateModule } from "~/services/application-sections.server";
import { memberApplicationData, requireMemberApplication } from "~/services/applications.server";
import { courseFields } from "~/services/application-submission.server";
import { sectionErrorBoundary } from "~/components/route-error";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application, organisation, facts } = await requireMemberApplication(request, params.id);
  const { courses } = await memberApplicationData(request, { application, organisation });
  return {
    editable: can(user, "application:edit", facts),
    courses: courses.map((c) => ({
      ...courseFields(c),
      languages: c.languages.join(", "),
      regions: c.regions.join(", "),
      version: c.version,
      modules: c.modules.map((m) => ({ id: m.id, title: m.title, learningOutcomes: m.learningOutcomes, hours: m.hours, version: m.version, mapped: m.mappings.length })),
    })),
  };
}

function formIdOf(formData: FormData): string {
  const intent = String(formData.get("intent"));
  if (intent === "add-course") return "add-course";
  if (intent === "add-module") return `add-module:${String(formData.get("courseId"))}`;
  if (intent.endsWith("-course")) return `course:${String(formData.get("courseId"))}`;
  return `module:${String(formData.get("moduleId"))}`;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application, facts } = await requireMemberApplication(request, params.id);
  const formData = await request.formData();
  const id = application.id;
  const steps = {
    "add-course": sectionStep(addCourseSchema, (d) => addCourse(db, user, id, d)),
    "update-course": sectionStep(updateCourseSchema, (d) => updateCourse(db, user, id, d)),
    "delete-course": sectionStep(deleteCourseSchema, (d) => deleteCourse(db, user, id, d.courseId, d.version)),
    "add-module": sectionStep(addModuleSchema, (d) => addModule(db, user, id, d)),
    "update-module": sectionStep(updateModuleSchema, (d) => updateModule(db, user, id, d)),
    "delete-module": sectionStep(deleteModuleSchema, (d) => deleteModule(db, user, id, d.moduleId, d.version)),
    "move-module": sectionStep(moveModuleSchema, (d) => moveModule(db, user, id, d.moduleId, d.direction)),
  };
  const done = await runSectionForm(formData, steps, formIdOf(formData), can(user, "application:edit", facts));
  if (!done.ok) return done.answer;
  const d = done.input;
  const courseId = "courseId" in d && d.intent !== "delete-course" ? d.courseId : null;
  return redirect(`/provider/applications/${id}/courses?saved=1${courseId ? `#course-${courseId}` : ""}`);
}

type CourseValues = Awaited<ReturnType<typeof loader>>["courses"][number];
type ModuleValues = CourseValues["modules"][number];

export default function CoursesSection() {
  const { courses, editable } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // One module's editor at a time (decision 048): `?edit=<module>`, or the module a form answer is about.
  const [params] = useSearchParams();
  const editing = (m: ModuleValues) => params.get("edit") === m.id || answerFor(answer, `module:${m.id}`) !== undefined;
  return (
    <>
      <h1>Courses and syllabus modules</h1>
      <p className="muted">
        Each course you want accredited, with its syllabus as ordered modules. Accreditation is granted per course, language and delivery mode.
      </p>
      <SavedNotice />
      <ReadOnlyNotice editable={editable} />
      {courses.length === 0 ? (
        <div className="empty-state">
          <strong>No courses yet</strong>
          <p>Add the first course below, then its modules.</p>
        </div>
      ) : null}
      {courses.map((c) => (
        <section key={c.id} id={`course-${c.id}`} className="card" aria-labelledby={`course-${c.id}-title`}>
          <h2 id={`course-${c.id}-title`}>{c.title}</h2>
          <details>
            <summary>Edit course details</summary>
            <CourseForm key={`${c.id}:${c.version}`} course={c} editable={editable} />
            {editable ? (
              <Form method="post" style={{ marginTop: "0.75rem" }}>
                <input type="hidden" name="intent" value="delete-course" />
                <input type="hidden" name="courseId" value={c.id} />
                <input type="hidden" name="version" value={c.version} />
                <SubmitButton className="button small danger">Delete course {c.title} and its modules</SubmitButton>
              </Form>
            ) : null}
          </details>
          <h3>Modules</h3>
          {c.modules.length === 0 ? <p className="muted">No modules yet: add the syllabus, in teaching order.</p> : null}
          <ol className="module-list">
            {c.modules.map((m, i) => (
              <li key={m.id} id={`module-${m.id}`} className="module-item">
                <div className="spread">
                  <strong>{m.title}</strong>
                  <span className="small muted">
                    {m.hours} h · {m.mapped === 0 ? "not mapped yet" : `${m.mapped} competenc${m.mapped === 1 ? "y" : "ies"} mapped`}
                  </span>
                </div>
                {editable ? (
                  <div className="row">
                    <MoveButton module={m} direction="up" disabled={i === 0} />
                    <MoveButton module={m} direction="down" disabled={i === c.modules.length - 1} />
                  </div>
                ) : null}
                {editing(m) ? <ModuleEditor module={m} editable={editable} /> : <EditModuleLink module={m} />}
              </li>
            ))}
          </ol>
          {editable ? (
            <details open={c.modules.length === 0}>
              <summary>Add a module to {c.title}</summary>
              <ModuleForm key={`add:${c.id}:${c.modules.length}`} courseId={c.id} editable />
            </details>
          ) : null}
        </section>
      ))}
      <AddRowCard id="add-course" title="Add a course" editable={editable} rows={courses.length}><CourseForm editable /></AddRowCard>
    </>
  );
}

/**
 * "Edit module …" opens that module's editor: a link to `?edit=<module>`, so it works without JavaScript; with it the
 * page swaps in place and keeps its scroll. The page drew every module's editor (a form, its validation and a delete
 * form) inside closed details: 100 forms and 114 KB for a 23-module syllabus.
 */
function EditModuleLink({ module }: { module: ModuleValues }) {
  const location = useLocation();
  const link = useRef<HTMLAnchorElement>(null);
  // Its editor was just closed: the focus comes back here rather than to the top of the page.
  const closed = (location.state as { closedModule?: string } | null)?.closedModule === module.id;
  useEffect(() => {
    if (closed) link.current?.focus();
  }, [closed]);
  return (
    <p className="small">
      <Link ref={link} to={`?edit=${module.id}#module-${module.id}`} preventScrollReset>
        Edit module {module.title}
      </Link>
    </p>
  );
}

function ModuleEditor({ module, editable }: { module: ModuleValues; editable: boolean }) {
  // Opened from its link: the focus moves to the module's first field.
  useEffect(() => {
    document.getElementById(`${module.id}-title`)?.focus();
  }, [module.id]);
  return (
    <div className="stack">
      <ModuleForm key={`${module.id}:${module.version}`} module={module} editable={editable} />
      {editable ? (
        <Form method="post">
          <input type="hidden" name="intent" value="delete-module" />
          <input type="hidden" name="moduleId" value={module.id} />
          <input type="hidden" name="version" value={module.version} />
          <SubmitButton className="button small danger">Delete module {module.title}</SubmitButton>
        </Form>
      ) : null}
      <p className="small">
        <Link to={`?#module-${module.id}`} preventScrollReset state={{ closedModule: module.id }}>
          Close the editor of {module.title}
        </Link>
      </p>
    </div>
  );
}

function MoveButton({ module, direction, disabled }: { module: ModuleValues; direction: "up" | "down"; disabled: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="move-module" />
      <input type="hidden" name="moduleId" value={module.id} />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" className="button small secondary" disabled={disabled}>
        <span aria-hidden="true">{direction === "up" ? "↑" : "↓"}</span> Move {direction}
        <span className="visually-hidden"> {module.title}</span>
      </button>
    </Form>
  );
}

function CourseForm({ course, editable }: { course?: CourseValues; editable: boolean }) {
  const mode: RowFormMode = course
    ? { formId: `course:${course.id}`, schema: updateCourseSchema, values: { intent: "update-course", courseId: course.id, ...course }, idPrefix: course.id, legend: `Edit ${course.title}`, hidden: ["intent", "courseId", "version"], submit: "Save course" }
    : { formId: "add-course", schema: addCourseSchema, values: { intent: "add-course", level: "foundation", deliveryModes: [], languages: "", regions: "", totalHours: "" }, idPrefix: "new-course", legend: "New course", hidden: ["intent"], submit: "Add course" };
  // A checkbox group's defaults must be rendered by hand so the form is right without JavaScript too.
  return (
    <RowForm answer={useActionData<typeof action>()} mode={mode} editable={editable}>
      {(form, id, values) => (
        <>
          <InputField form={form} name="title" id={id("title")} label="Course title" type="text" />
          <Field id={id("level")} label="Level" error={form.errorFor("level")}>
            {(p) => (
              <select {...p} {...form.register("level")}>
                <Options choices={Object.entries(LEVEL_LABELS)} />
              </select>
            )}
          </Field>
          <TextAreaField form={form} name="description" id={id("description")} label="Description" rows={3} />
          <InputField form={form} name="totalHours" id={id("totalHours")} label="Total hours" type="number" step="0.5" min={0.5} inputMode="decimal" style={{ maxWidth: "8rem" }} />
          <CheckboxGroup fieldId={id("modes")} legend="Delivery modes" options={Object.entries(DELIVERY_MODE_LABELS)} checked={values.deliveryModes} error={form.errorFor("deliveryModes")} inputProps={form.register("deliveryModes")} />
          <InputField form={form} name="languages" id={id("languages")} label="Languages" hint="Languages the course is taught in, separated by commas, e.g. English, German" type="text" />
          <InputField form={form} name="regions" id={id("regions")} label="Countries or regions (optional)" hint="Where you deliver it, separated by commas, e.g. DE, AT, online worldwide" type="text" />
        </>
      )}
    </RowForm>
  );
}

function ModuleForm({ module, courseId, editable }: { module?: ModuleValues; courseId?: string; editable: boolean }) {
  const mode: RowFormMode = module
    ? { formId: `module:${module.id}`, schema: updateModuleSchema, values: { intent: "update-module", moduleId: module.id, ...module }, idPrefix: module.id, legend: `Edit module ${module.title}`, hidden: ["intent", "moduleId", "version"], submit: "Save module" }
    : { formId: `add-module:${courseId}`, schema: addModuleSchema, values: { intent: "add-module", courseId, hours: "" }, idPrefix: `new-module-${courseId}`, legend: "New module", hidden: ["intent", "courseId"], submit: "Add module" };
  return (
    <RowForm answer={useActionData<typeof action>()} mode={mode} editable={editable}>
      {(form, id) => (
        <>
          <InputField form={form} name="title" id={id("title")} label="Module title" type="text" />
          <TextAreaField form={form} name="learningOutcomes" id={id("outcomes")} label="Learning outcomes" hint="What a participant can do after the module; one per line" rows={4} />
          <InputField form={form} name="hours" id={id("hours")} label="Hours" type="number" step="0.5" min={0.5} inputMode="decimal" style={{ maxWidth: "8rem" }} />
        </>
      )}
    </RowForm>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
