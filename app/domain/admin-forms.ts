/**
 * Zod schemas of the staff forms. Each is used twice with the same definition: by the route's action
 * (parseForm) and by the page's react-hook-form (useValidatedForm).
 */
import { z } from "zod";
import { decimal, longText, text } from "./forms";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const optionalId = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().uuid("Choose an area").nullable());

const codeField = (label = "a code") =>
  text(label, { max: 40 }).pipe(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/, "Use letters and digits separated by dots, like OWN.2"),
  );

export const frameworkNodeSchema = z
  .object({
    kind: z.enum(["area", "competency"], { errorMap: () => ({ message: "Choose area or competency" }) }),
    parentId: optionalId,
    code: codeField(),
    title: text("a title", { max: 200 }),
    description: longText("a description", { max: 2000 }),
    level: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(["foundation", "intermediate", "advanced"]).nullable()),
    core: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.kind === "competency" && !v.parentId) ctx.addIssue({ code: "custom", path: ["parentId"], message: "Choose the area this competency belongs to" });
    if (v.kind === "competency" && !v.level) ctx.addIssue({ code: "custom", path: ["level"], message: "Choose a level" });
  });

export const frameworkDetailsSchema = z.object({
  title: text("a title", { max: 200 }),
  description: longText("a description", { max: 2000 }),
});

export const rubricCriterionSchema = z.object({
  code: codeField(),
  title: text("a title", { max: 200 }),
  guidance: longText("guidance", { max: 4000 }),
  weight: decimal("the weight", { min: 0, max: 100 }).refine((w) => w > 0, "The weight must be more than 0"),
  descriptor0: text("what a score of 0 means", { max: 500 }),
  descriptor1: text("what a score of 1 means", { max: 500 }),
  descriptor2: text("what a score of 2 means", { max: 500 }),
  descriptor3: text("what a score of 3 means", { max: 500 }),
  descriptor4: text("what a score of 4 means", { max: 500 }),
});

export const rubricDetailsSchema = z.object({ title: text("a title", { max: 200 }) });

export const FOUNDATION_ROLES = ["staff", "reviewer", "board"] as const;

export const roleChangeSchema = z.object({
  userId: z.string().uuid("Missing user"),
  role: z.enum(FOUNDATION_ROLES, { errorMap: () => ({ message: "Choose a role" }) }),
});

export const expertiseSchema = z.object({
  userId: z.string().uuid("Missing user"),
  expertise: z.preprocess(
    (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "Choose areas from the list")).max(50),
  ),
});
