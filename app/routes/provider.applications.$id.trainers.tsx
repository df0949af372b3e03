import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton, InputField, TextAreaField } from "~/components/form";
import { ReadOnlyNotice, SavedNotice, AddRowCard, RowForm, type RowFormMode } from "~/components/provider/section";
import { addTrainerSchema, deleteTrainerSchema, updateTrainerSchema } from "~/domain/application-forms";
import { can } from "~/domain/policy";
import { db } from "~/services/db.server";
import { runSectionForm, sectionStep } from "~/http.server";
import { addTrainer, deleteTrainer, updateTrainer } from "~/services/application-sections.server";
import { memberApplicationData, requireMemberApplication } from "~/services/applications.server";
import { sectionErrorBoundary } from "~/components/route-error";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, application, organisation, facts } = await requireMemberApplication(request, params.id);
  const { trainers } = await memberApplicationData(request, { application, organisation });
  return {
    editable: can(user, "application:edit", facts),
    trainers: trainers.map((t) => ({ id: t.id, name: t.name, qualifications: t.qualifications, certifications: t.certifications, yearsExperience: t.yearsExperience, links: t.links.join("\n"), version: t.version })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, application, facts } = await requireMemberApplication(request, params.id);
  const formData = await request.formData();
  const formId = formData.get("intent") === "add" ? "add" : `trainer:${String(formData.get("trainerId"))}`;
  const steps = {
    add: sectionStep(addTrainerSchema, (d) => addTrainer(db, user, application.id, d)),
    update: sectionStep(updateTrainerSchema, (d) => updateTrainer(db, user, application.id, d)),
    delete: sectionStep(deleteTrainerSchema, (d) => deleteTrainer(db, user, application.id, d.trainerId, d.version)),
  };
  const done = await runSectionForm(formData, steps, formId, can(user, "application:edit", facts));
  if (!done.ok) return done.answer;
  return redirect(`/provider/applications/${application.id}/trainers?saved=1`);
}

export default function TrainersSection() {
  const { trainers, editable } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Trainers</h1>
      <p className="muted">Everyone who teaches the courses you apply for: their qualifications, Rust certifications and experience.</p>
      <SavedNotice />
      <ReadOnlyNotice editable={editable} />
      {trainers.length === 0 ? (
        <div className="empty-state">
          <strong>No trainers yet</strong>
          <p>Add at least one trainer below.</p>
        </div>
      ) : (
        trainers.map((t) => (
          <section key={t.id} className="card" aria-labelledby={`trainer-${t.id}`}>
            <h2 id={`trainer-${t.id}`}>{t.name}</h2>
            <TrainerForm key={`${t.id}:${t.version}`} trainer={t} editable={editable} />
            {editable ? (
              <Form method="post" className="row" style={{ marginTop: "0.75rem" }}>
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="trainerId" value={t.id} />
                <input type="hidden" name="version" value={t.version} />
                <SubmitButton className="button small danger">Remove {t.name}</SubmitButton>
              </Form>
            ) : null}
          </section>
        ))
      )}
      <AddRowCard id="add-trainer" title="Add a trainer" editable={editable} rows={trainers.length}><TrainerForm editable /></AddRowCard>
    </>
  );
}

type TrainerValues = { id: string; name: string; qualifications: string; certifications: string; yearsExperience: number; links: string; version: number };

function TrainerForm({ trainer, editable }: { trainer?: TrainerValues; editable: boolean }) {
  const mode: RowFormMode = trainer
    ? { formId: `trainer:${trainer.id}`, schema: updateTrainerSchema, values: { intent: "update", trainerId: trainer.id, ...trainer }, idPrefix: trainer.id, legend: `Edit ${trainer.name}`, hidden: ["intent", "trainerId", "version"], submit: "Save trainer" }
    : { formId: "add", schema: addTrainerSchema, values: { intent: "add", yearsExperience: "" }, idPrefix: "new", legend: "New trainer", hidden: ["intent"], submit: "Add trainer" };
  return (
    <RowForm answer={useActionData<typeof action>()} mode={mode} editable={editable}>
      {(form, id) => (
        <>
          <InputField form={form} name="name" id={id("name")} label="Name" type="text" autoComplete="off" />
          <TextAreaField form={form} name="qualifications" id={id("qualifications")} label="Qualifications" hint="Degrees, teaching qualifications" rows={3} />
          <TextAreaField form={form} name="certifications" id={id("certifications")} label="Certifications held" hint="Rust or related certifications" rows={2} />
          <InputField form={form} name="yearsExperience" id={id("yearsExperience")} label="Years of Rust experience" type="number" inputMode="numeric" min={0} max={60} style={{ maxWidth: "8rem" }} />
          <TextAreaField form={form} name="links" id={id("links")} label="Links (optional)" hint="Profiles, talks, open-source work: one address per line" rows={2} />
        </>
      )}
    </RowForm>
  );
}

export const ErrorBoundary = sectionErrorBoundary({ href: "/provider", label: "Back to your dashboard" });
