import { z, type ZodTypeAny } from "zod";

/** Field errors keyed by the field name as it appears in the form (`courses.0.title`). */
export type FieldErrors = Record<string, string>;

/** A form the schema refused: a message per field and what was typed (strings only). */
export type ParseFailure = { success: false; errors: FieldErrors; values: Record<string, unknown> };
export type ParseResult<T> = { success: true; data: T } | ParseFailure;

/** FormData → plain object; a key sent more than once becomes an array (checkbox groups). */
export function formDataToObject(formData: FormData | URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).map((v) => (typeof v === "string" ? v : v));
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Validate a submitted form with the route's zod schema; never throws on bad input. */
export function parseForm<S extends ZodTypeAny>(formData: FormData | URLSearchParams, schema: S): ParseResult<z.output<S>> {
  const values = formDataToObject(formData);
  const result = schema.safeParse(values);
  if (result.success) return { success: true, data: result.data };
  // Echo back only strings, so a form re-renders with what the person typed (never files).
  const echoed = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === "string" || Array.isArray(v)));
  return { success: false, errors: zodFieldErrors(result.error), values: echoed };
}

/**
 * The schema a posted `intent` names, or undefined for any other value. Own keys only: an intent such as
 * "toString" or "__proto__" names nothing (a plain `in` would find it on Object's prototype, and answer 500).
 */
export function schemaForIntent<M extends Record<string, ZodTypeAny>>(schemas: M, intent: unknown): M[keyof M] | undefined {
  return typeof intent === "string" && Object.hasOwn(schemas, intent) ? schemas[intent as keyof M] : undefined;
}

/** What the person typed, echoed back so a refused form keeps it (strings only, never files). */
export function typedValues(formData: FormData): Record<string, string> {
  return Object.fromEntries([...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
}

// ---- field helpers shared by schemas -----------------------------------------------------------

// Control characters other than tab and newlines have no business in text fields.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// eslint-disable-next-line no-control-regex
const LINE_BREAKS_OR_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;

/**
 * Trimmed single-line text with a length limit and no control characters: no tab, no CR or LF, no Unicode line
 * separator. Single-line values end up in headers and subjects (an organisation name in an email subject), where a
 * line break would start a header of its own.
 */
export const text = (label: string, { min = 1, max = 200 }: { min?: number; max?: number } = {}) =>
  z
    .string({ required_error: `Enter ${label}`, invalid_type_error: `Enter ${label}` })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(min, min <= 1 ? `Enter ${label}` : `${capitalise(label)} must be at least ${min} characters`)
        .max(max, `${capitalise(label)} must be at most ${max} characters`)
        .refine((s) => !LINE_BREAKS_OR_CONTROL.test(s), `${capitalise(label)} must be one line, without line breaks or control characters`),
    );

/** Multi-line text; newlines and tabs allowed. Empty allowed unless min is set. */
export const longText = (label: string, { min = 0, max = 5000 }: { min?: number; max?: number } = {}) =>
  z
    .string({ invalid_type_error: `Enter ${label}` })
    .default("")
    .transform((s) => s.replace(/\r\n/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(min, min <= 1 ? `Enter ${label}` : `${capitalise(label)} must be at least ${min} characters`)
        .max(max, `${capitalise(label)} must be at most ${max} characters`)
        .refine((s) => !CONTROL_CHARS.test(s), `${capitalise(label)} contains characters that are not allowed`),
    );

export const email = () =>
  z
    .string({ required_error: "Enter your email address", invalid_type_error: "Enter an email address" })
    .transform((s) => s.trim().toLowerCase())
    .pipe(z.string().min(1, "Enter an email address").max(254, "Email address is too long").email("Enter a valid email address, like name@example.com"));

export const password = (label = "a password") =>
  z
    .string({ required_error: `Enter ${label}`, invalid_type_error: `Enter ${label}` })
    .min(10, "Use at least 10 characters")
    .max(200, "Use at most 200 characters");

/** Optional URL: empty means none. */
export const optionalUrl = (label: string) =>
  z
    .string({ invalid_type_error: `Enter ${label}` })
    .default("")
    .transform((s) => s.trim())
    .pipe(z.union([z.literal(""), z.string().max(500, `${capitalise(label)} is too long`).url(`Enter ${label} starting with https://`).refine((u) => /^https?:\/\//i.test(u), `Enter ${label} starting with https://`)]));

/** A checkbox group or multi-select: one value or several, always an array after parsing. */
export const arrayField = <T extends ZodTypeAny>(item: T, message: string, { min = 0 }: { min?: number } = {}) =>
  z.preprocess(
    (v) => (v === undefined || v === "" || v === false || v === null ? [] : Array.isArray(v) ? v : [v]),
    z.array(item, { invalid_type_error: message }).min(min, message),
  );

/** A checkbox that must be ticked ("on" from a browser). */
export const mustTick = (message: string) =>
  z.preprocess((v) => v === "on" || v === "true" || v === true, z.literal(true, { errorMap: () => ({ message }) }));

/** A whole number typed into a text or number input. */
export const integer = (label: string, { min = 0, max = 1_000_000 }: { min?: number; max?: number } = {}) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v === "" ? undefined : v),
    z
      .number({ required_error: `Enter ${label}`, invalid_type_error: `${capitalise(label)} must be a number` })
      .int(`${capitalise(label)} must be a whole number`)
      .min(min, `${capitalise(label)} must be at least ${min}`)
      .max(max, `${capitalise(label)} must be at most ${max}`),
  );

export const decimal = (label: string, { min = 0, max = 10_000 }: { min?: number; max?: number } = {}) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v === "" ? undefined : v),
    z
      .number({ required_error: `Enter ${label}`, invalid_type_error: `${capitalise(label)} must be a number` })
      .finite(`${capitalise(label)} must be a number`)
      .min(min, `${capitalise(label)} must be at least ${min}`)
      .max(max, `${capitalise(label)} must be at most ${max}`),
  );

/**
 * Whether saving `fields` over the record as stored would change nothing: every value the same (a list element by
 * element). Such a save answers as saved, keeps the record's version and is not recorded, as the same mapping depth
 * again is not (decision 057): a form saved twice, or open in a second tab at the same version, still saves.
 */
export function changesNothing(stored: Record<string, unknown>, fields: Record<string, unknown>): boolean {
  return Object.entries(fields).every(([key, value]) => {
    const was = stored[key];
    if (Array.isArray(value)) return Array.isArray(was) && was.length === value.length && value.every((item, i) => item === was[i]);
    return value === undefined || value === was;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id from a URL is checked before it reaches a uuid column: a malformed one is "not found", not a 500. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

export const uuid = (label = "a valid id") => z.string({ required_error: `Missing ${label}` }).uuid(`Missing ${label}`);

function capitalise(s: string): string {
  const stripped = s.replace(/^(a|an|the|your) /, "");
  return stripped.charAt(0).toUpperCase() + stripped.slice(1);
}
