/**
 * The zod schemas of the provider's forms: one schema per form, given to react-hook-form in the page and
 * to parseForm in the action, so the browser and the server agree on every message.
 */
import { z } from "zod";
import { arrayField, decimal, email, integer, longText, mustTick, optionalUrl, text, uuid } from "./forms";

import { DELIVERY_MODE_LABELS, LEVEL_LABELS } from "./format";

export { DELIVERY_MODE_LABELS, LEVEL_LABELS };
export type DeliveryModeKey = keyof typeof DELIVERY_MODE_LABELS;
const DELIVERY_MODE_KEYS = Object.keys(DELIVERY_MODE_LABELS) as [DeliveryModeKey, ...DeliveryModeKey[]];

/** A section's form posted once the application is no longer the provider's to edit (409). */
export const APPLICATION_NOT_EDITABLE = "This application cannot be edited now.";

export const DEPTH_CHOICES = ["introduced", "practised", "assessed"] as const;
export const DOCUMENT_KIND_LABELS = {
  syllabus: "Syllabus",
  trainer_cv: "Trainer CV",
  quality_process: "Quality process",
  other: "Other evidence",
} as const;
const DOCUMENT_KIND_KEYS = Object.keys(DOCUMENT_KIND_LABELS) as [keyof typeof DOCUMENT_KIND_LABELS, ...(keyof typeof DOCUMENT_KIND_LABELS)[]];

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_TOO_LARGE = "The file is larger than 10 MB. Upload a smaller PDF (compress images, or split it).";

/** The version the form was loaded with; the save only lands if nobody else saved in between. */
const version = integer("the version", { min: 1, max: 2_147_483_647 });

/** Comma- or newline-separated list typed into one text field → trimmed, de-duplicated entries. */
export const list = (label: string, { min = 0, max = 20 }: { min?: number; max?: number } = {}) =>
  z
    .string({ invalid_type_error: `Enter ${label}` })
    .default("")
    .transform((s) => [...new Set(s.split(/[,\n]/).map((x) => x.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().max(100, `Each entry of ${label} must be at most 100 characters`))
        .min(min, `Enter at least ${min === 1 ? "one" : min} of ${label}`)
        .max(max, `Enter at most ${max} of ${label}`),
    );

const slugSchema = z
  .string({ required_error: "Enter a short name for the address" })
  .transform((s) => s.trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(3, "The address name must be at least 3 characters")
      .max(60, "The address name must be at most 60 characters")
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens, like ferris-training"),
  );

const countryCode = z
  .string({ required_error: "Enter the country" })
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, "Enter the two-letter country code, like DE or GB"));

export const organisationProfileFields = {
  displayName: text("the display name", { max: 120 }),
  legalName: text("the legal name", { max: 200 }),
  website: optionalUrl("the website"),
  country: countryCode,
  description: longText("a description", { min: 1, max: 4000 }),
  contactEmail: email(),
};

export const createOrganisationSchema = z.object({ ...organisationProfileFields, slug: slugSchema });
export const organisationSectionSchema = z.object({ ...organisationProfileFields, version });

const trainerFields = {
  name: text("the trainer's name", { max: 120 }),
  qualifications: longText("qualifications", { max: 2000 }),
  certifications: longText("certifications", { max: 2000 }),
  yearsExperience: integer("years of Rust experience", { min: 0, max: 60 }),
  links: z
    .string()
    .default("")
    .transform((s) => s.split(/\s+/).map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().url("Each link must be a full address starting with https://").refine((u) => /^https?:\/\//i.test(u), "Each link must start with https://")).max(10, "Enter at most 10 links")),
};
export const addTrainerSchema = z.object({ intent: z.literal("add"), ...trainerFields });
export const updateTrainerSchema = z.object({ intent: z.literal("update"), trainerId: uuid("the trainer"), version, ...trainerFields });
export const deleteTrainerSchema = z.object({ intent: z.literal("delete"), trainerId: uuid("the trainer"), version });

const courseFields = {
  title: text("the course title", { max: 160 }),
  level: z.enum(["foundation", "intermediate", "advanced"], { errorMap: () => ({ message: "Choose the course level" }) }),
  description: longText("a description", { max: 4000 }),
  totalHours: decimal("total hours", { min: 0.5, max: 2000 }),
  deliveryModes: arrayField(z.enum(DELIVERY_MODE_KEYS), "Choose at least one delivery mode", { min: 1 }),
  languages: list("languages", { min: 1 }),
  regions: list("countries or regions"),
};
export const addCourseSchema = z.object({ intent: z.literal("add-course"), ...courseFields });
export const updateCourseSchema = z.object({ intent: z.literal("update-course"), courseId: uuid("the course"), version, ...courseFields });
export const deleteCourseSchema = z.object({ intent: z.literal("delete-course"), courseId: uuid("the course"), version });

const moduleFields = {
  title: text("the module title", { max: 160 }),
  learningOutcomes: longText("the learning outcomes", { min: 1, max: 4000 }),
  hours: decimal("hours", { min: 0.5, max: 500 }),
};
export const addModuleSchema = z.object({ intent: z.literal("add-module"), courseId: uuid("the course"), ...moduleFields });
export const updateModuleSchema = z.object({ intent: z.literal("update-module"), moduleId: uuid("the module"), version, ...moduleFields });
export const deleteModuleSchema = z.object({ intent: z.literal("delete-module"), moduleId: uuid("the module"), version });
export const moveModuleSchema = z.object({ intent: z.literal("move-module"), moduleId: uuid("the module"), direction: z.enum(["up", "down"]) });

const depth = z.enum(DEPTH_CHOICES, { errorMap: () => ({ message: "Choose how deeply the module covers it" }) });
export const addMappingSchema = z.object({
  intent: z.literal("map"),
  moduleId: uuid("the module"),
  competencyId: z.string({ required_error: "Choose a competency" }).uuid("Choose a competency"),
  depth,
  fromSuggestion: z.preprocess((v) => v === "1" || v === "true" || v === true, z.boolean()).default(false),
});
export const updateMappingSchema = z.object({ intent: z.literal("set-depth"), mappingId: uuid("the mapping"), depth });
export const deleteMappingSchema = z.object({ intent: z.literal("unmap"), mappingId: uuid("the mapping") });

/** A file input: a File on the server, a FileList in the browser. */
export const pdfFile = z.preprocess(
  (v) => (v && typeof v === "object" && "item" in v && typeof (v as { item: unknown }).item === "function" ? (v as { item(i: number): unknown }).item(0) : v),
  z
    .custom<Blob & { name?: string }>((v) => typeof v === "object" && v !== null && "size" in v && typeof (v as Blob).size === "number", "Choose a PDF file to upload")
    .refine((f) => f.size > 0, "Choose a PDF file to upload")
    .refine((f) => f.size <= MAX_DOCUMENT_BYTES, DOCUMENT_TOO_LARGE),
);
export const uploadDocumentSchema = z.object({
  intent: z.literal("upload"),
  kind: z.enum(DOCUMENT_KIND_KEYS, { errorMap: () => ({ message: "Choose what the document is" }) }),
  file: pdfFile,
});
export const deleteDocumentSchema = z.object({ intent: z.literal("delete"), documentId: uuid("the document") });

export const declarationsSchema = z.object({
  version,
  accurate: mustTick("Confirm that the information is accurate"),
  codeOfConduct: mustTick("Agree to the foundation's code of conduct"),
  dataProcessing: mustTick("Agree to the processing of this application's data"),
  signedBy: text("your full name as signature", { max: 120 }),
});

export const submitSchema = z.object({ intent: z.literal("submit"), response: longText("your response", { max: 5000 }) });
export const withdrawSchema = z.object({ intent: z.literal("withdraw"), confirm: mustTick("Tick the box to confirm the withdrawal") });

export const inviteMemberSchema = z.object({ intent: z.literal("invite"), email: email(), orgRole: z.enum(["owner", "member"], { errorMap: () => ({ message: "Choose a role" }) }) });
export const removeMemberSchema = z.object({ intent: z.literal("remove"), userId: uuid("the member") });
export const startApplicationSchema = z.object({ organisationId: uuid("the organisation") });
