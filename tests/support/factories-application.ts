/** Builders for provider applications: a draft with every section filled, through the same services the pages use. */
import type { SessionUser } from "~/domain/policy";
import { db } from "~/services/db.server";
import { addCourse, addModule, addTrainer, saveDeclarations } from "~/services/application-sections.server";
import { addMapping } from "~/services/application-mapping.server";
import { loadApplicationData, startApplication } from "~/services/applications.server";
import { uploadDocument } from "~/services/documents.server";
import { createFramework, createOrganisation, createRubric, sessionUserFor, signedIn } from "./factories";

/** A tiny but valid PDF. */
export function tinyPdf(text = "Syllabus"): Uint8Array {
  const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

function expectOk<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(`Service refused: ${result.message}`);
  return result.value;
}

/** An owner signed in with a new organisation, a published framework and rubric. */
export async function providerWorld() {
  const owner = await signedIn({ name: "Olive Owner" });
  const org = await createOrganisation({ owner: owner.user });
  const fw = await createFramework();
  await createRubric();
  const sessionUser = await sessionUserFor(owner.user.id);
  return { owner: { ...owner, sessionUser }, org, fw };
}

export async function startDraft(user: SessionUser, organisationId: string) {
  return expectOk(await startApplication(db, user, organisationId)).id;
}

/** Fill every section of a draft so it can be submitted. */
export async function fillApplication(user: SessionUser, applicationId: string, competencyIds: { own1: string; own2: string }) {
  expectOk(await addTrainer(db, user, applicationId, { name: "Tess Trainer", qualifications: "MSc", certifications: "", yearsExperience: 6, links: [] }));
  const course = expectOk(
    await addCourse(db, user, applicationId, {
      title: "Rust Foundations",
      level: "foundation",
      description: "Three days of Rust",
      totalHours: 21,
      deliveryModes: ["in_person"],
      languages: ["English"],
      regions: ["DE"],
    }),
  );
  expectOk(await addModule(db, user, applicationId, { courseId: course.id, title: "Ownership", learningOutcomes: "Explain moves and drops", hours: 3 }));
  const data = await loadApplicationData(db, applicationId);
  const moduleId = data.courses[0].modules[0].id;
  expectOk(await addMapping(db, user, applicationId, { moduleId, competencyId: competencyIds.own1, depth: "practised", fromSuggestion: false }));
  expectOk(await addMapping(db, user, applicationId, { moduleId, competencyId: competencyIds.own2, depth: "assessed", fromSuggestion: false }));
  expectOk(await uploadDocument(db, user, applicationId, { kind: "syllabus", filename: "syllabus.pdf", bytes: tinyPdf() }));
  expectOk(await saveDeclarations(db, user, applicationId, { version: 1, accurate: true, codeOfConduct: true, dataProcessing: true, signedBy: "Olive Owner" }));
  return { courseId: course.id, moduleId };
}
