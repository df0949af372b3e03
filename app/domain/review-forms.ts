/**
 * Zod schemas of the review and screening forms. Each route hands the same schema to `parseForm` (server) and
 * `useValidatedForm` (browser). Rules that need the database (every criterion scored, conflicts) are the
 * services' business; these only check shape.
 */
import { z } from "zod";
import { longText, mustTick, uuid } from "./forms";
import { CONFIDENCE_LABELS, RECOMMENDATION_LABELS, SCORE_MAX, SCORE_MIN, type Confidence, type Recommendation } from "./scoring";
import { APPLICATION_STATUSES, statusLabel, type ApplicationStatus } from "./workflow";

export const DEFAULT_DUE_DAYS = 28;

const optionalEnum = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : v), z.enum(values, { errorMap: () => ({ message }) }).optional());

// ---- reviewer ----------------------------------------------------------------------------------

export const acceptSchema = z.object({
  intent: z.literal("accept"),
  assignmentId: uuid("the assignment"),
  noConflict: mustTick("Confirm that you have no conflict of interest with this organisation"),
});

export const declineSchema = z.object({
  intent: z.literal("decline"),
  assignmentId: uuid("the assignment"),
  /** Ticked: the reason is a conflict of interest, which is then recorded against the organisation. */
  conflict: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  note: longText("why you decline", { min: 1, max: 2000 }),
});

export const scoreFieldName = (criterionId: string) => `score_${criterionId}`;
export const commentFieldName = (criterionId: string) => `comment_${criterionId}`;

/** Criterion ids named by the fields of a submitted form (the action cannot know the rubric before parsing). */
export function criterionIdsIn(formData: FormData | URLSearchParams): string[] {
  const ids = new Set<string>();
  for (const key of formData.keys()) {
    const match = /^(?:score|comment)_([0-9a-f-]{36})$/i.exec(key);
    if (match) ids.add(match[1]);
  }
  return [...ids];
}

const scoreField = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : typeof v === "string" ? Number(v) : v),
  z
    .number({ invalid_type_error: "Choose a score from 0 to 4" })
    .int("Choose a score from 0 to 4")
    .min(SCORE_MIN, "Choose a score from 0 to 4")
    .max(SCORE_MAX, "Choose a score from 0 to 4")
    .nullable(),
);

// Built once: a rubric's ten criteria used to build ten copies of the same comment rule on every render of the form.
const commentField = longText("the comment", { max: 5000 });

const CONFIDENCES = Object.keys(CONFIDENCE_LABELS) as [Confidence, ...Confidence[]];
const RECOMMENDATIONS = Object.keys(RECOMMENDATION_LABELS) as [Recommendation, ...Recommendation[]];

/** The rubric form: one score and comment per criterion, then confidence, recommendation and summary. */
export function reviewSheetSchema(criterionIds: string[]) {
  const perCriterion: Record<string, z.ZodTypeAny> = {};
  for (const id of criterionIds) {
    perCriterion[scoreFieldName(id)] = scoreField;
    perCriterion[commentFieldName(id)] = commentField;
  }
  return z
    .object({
      // The pressed button names the intent; it is not a field the browser-side validation sees.
      intent: z.enum(["save", "submit"]).default("save"),
      confidence: optionalEnum(CONFIDENCES, "Choose your confidence"),
      recommendation: optionalEnum(RECOMMENDATIONS, "Choose a recommendation"),
      summary: longText("the summary", { max: 10000 }),
    })
    .extend(perCriterion);
}

export type ReviewSheetInput = {
  intent: "save" | "submit";
  confidence?: Confidence;
  recommendation?: Recommendation;
  summary: string;
  scores: Record<string, { score: number | null; comment: string }>;
};

/** The parsed form as the service wants it: scores keyed by criterion id. */
export function toReviewSheet(parsed: Record<string, unknown>, criterionIds: string[]): ReviewSheetInput {
  const scores: ReviewSheetInput["scores"] = {};
  for (const id of criterionIds) {
    const score = parsed[scoreFieldName(id)];
    const comment = parsed[commentFieldName(id)];
    scores[id] = { score: typeof score === "number" ? score : null, comment: typeof comment === "string" ? comment : "" };
  }
  return {
    intent: parsed.intent === "submit" ? "submit" : "save",
    confidence: parsed.confidence as Confidence | undefined,
    recommendation: parsed.recommendation as Recommendation | undefined,
    summary: typeof parsed.summary === "string" ? parsed.summary : "",
    scores,
  };
}

export const disputeSchema = z.object({
  intent: z.literal("dispute"),
  mappingId: uuid("the mapping"),
  note: longText("why you dispute this mapping", { min: 1, max: 2000 }),
});

// ---- staff -------------------------------------------------------------------------------------

export const dueDateField = z
  .string({ required_error: "Enter a due date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the due date as a date, like 2026-03-14")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Enter a real date");

export const assignSchema = z.object({
  intent: z.literal("assign"),
  reviewerId: uuid("the reviewer"),
  dueDate: dueDateField,
});

export const startReviewSchema = z.object({ intent: z.literal("start_review") });

export const requestChangesSchema = z.object({
  intent: z.literal("request_changes"),
  message: longText("a message to the provider", { min: 1, max: 5000 }),
  /** One item per line: what must change. */
  items: longText("the list of changes", { min: 1, max: 5000 }).transform((s) =>
    s
      .split("\n")
      .map((line) => line.replace(/^\s*[-*•]\s*/, "").trim())
      .filter(Boolean),
  ),
});

export const forwardSchema = z.object({
  intent: z.literal("forward"),
  recommendation: longText("a recommendation to the board", { min: 1, max: 5000 }),
});

export const STAFF_SORTS = { recent: "Most recently submitted", oldest: "Oldest submission first", organisation: "Organisation name", due: "Earliest review due" } as const;
export type StaffSort = keyof typeof STAFF_SORTS;

export const STAFF_PAGE_SIZE = 50;

/** The list page's filters and sort; bad values fall back to defaults rather than failing the page. */
export const staffListFilters = z.object({
  // Free text: a provider's name, an application's reference (the start of its id), a certificate number or a status.
  q: z.string().trim().max(100).catch(""),
  status: z.enum(["", ...APPLICATION_STATUSES]).catch(""),
  /** An organisation's id (from a link) or part of its name (typed in the filter). */
  organisation: z.string().trim().max(200).catch(""),
  overdue: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()).catch(false),
  sort: z.enum(Object.keys(STAFF_SORTS) as [StaffSort, ...StaffSort[]]).catch("recent"),
});

const PAGE_MESSAGE = "That page number is not valid: pages are numbered 1, 2, 3 and so on.";

/**
 * The list page's GET query. The page number is the one value that fails instead of falling back: quietly
 * showing page 1 for a mistyped link would look like the applications further on had vanished.
 */
export const staffListQuery = staffListFilters.extend({
  page: z.preprocess(
    (v) => (v === undefined || v === "" ? "1" : v),
    z
      .string({ invalid_type_error: PAGE_MESSAGE })
      .regex(/^[1-9][0-9]*$/, PAGE_MESSAGE)
      .transform(Number)
      // Past the last page is an empty page, not an error; past what a number holds exactly is not a page.
      .refine((n) => Number.isSafeInteger(n), PAGE_MESSAGE),
  ),
});
export type StaffListQuery = z.infer<typeof staffListQuery>;

/** The statuses whose label (or stored value) contains the searched text, so "review" finds "Under review". */
export function statusesMatching(q: string): ApplicationStatus[] {
  const needle = q.trim().toLowerCase();
  if (needle.length < 3) return [];
  return APPLICATION_STATUSES.filter((s) => s.includes(needle.replace(/\s+/g, "_")) || statusLabel(s).toLowerCase().includes(needle));
}
