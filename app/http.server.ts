import { data } from "@remix-run/node";
import type { z, ZodTypeAny } from "zod";
import { APPLICATION_NOT_EDITABLE } from "~/domain/application-forms";
import { formDataToObject, parseForm, schemaForIntent, type FieldErrors, type ParseFailure } from "~/domain/forms";
import { UNKNOWN_REQUEST, type Outcome, type Refused } from "~/domain/outcome";

/**
 * The one route helper for a refusal: the service's status, its message as the form error and its field
 * errors next to their fields, and what the person typed so nothing is lost. `context` names which form
 * on a page with several answered (an intent, a row id), so only that form shows the errors.
 */
export function refusalResponse<V extends Record<string, unknown> = Record<string, string>, C extends Record<string, unknown> = Record<never, never>>(
  refusal: Refused,
  // Left out, V and C are their defaults and the casts add no keys.
  values: V = {} as V,
  context: C = {} as C,
) {
  const headers: HeadersInit = refusal.retryAfterSeconds ? { "Retry-After": String(refusal.retryAfterSeconds) } : {};
  const errors: FieldErrors = { form: refusal.message, ...refusal.errors };
  return data({ ...context, errors, values }, { status: refusal.status, headers });
}

/**
 * The one route helper for a form the schema refused: 400, each message next to its field, and what the person
 * typed so nothing is lost, except passwords, which never go back into a page. `context` names which form
 * answered, as for `refusalResponse`.
 */
export function invalidForm<C extends Record<string, unknown> = Record<never, never>>(failure: Pick<ParseFailure, "errors" | "values">, context: C = {} as C) {
  const values = Object.fromEntries(Object.entries(failure.values).filter(([key]) => !/password/i.test(key)));
  return data({ ...context, errors: failure.errors, values }, { status: 400 });
}

/** The answer to one of a page's several forms (one per trainer, course, module…): `formId` says which, for `answerFor`. */
export type FormAnswer = { formId: string; errors: FieldErrors; values: Record<string, unknown> };

export function formAnswer(formId: string, errors: FieldErrors, values: Record<string, unknown>, status: number) {
  return data<FormAnswer>({ formId, errors, values }, { status });
}

/**
 * A form of one of an application's sections (a row, an upload), named `formId`: parsed with its schema, and taken
 * only while the application can be edited. Otherwise `answer` is what to send back: 400 with each message next to
 * its field, or 409.
 */
export function parseSectionForm<S extends ZodTypeAny>(formData: FormData, schema: S, formId: string, editable: boolean) {
  const parsed = parseForm(formData, schema);
  if (!parsed.success) return { ok: false as const, answer: formAnswer(formId, parsed.errors, parsed.values, 400) };
  if (!editable) return { ok: false as const, answer: formAnswer(formId, { form: APPLICATION_NOT_EDITABLE }, {}, 409) };
  return { ok: true as const, data: parsed.data as z.output<S> };
}

/** One of a section's forms, by the intent it posts: the schema it is parsed with, and the one service step it runs. */
export type SectionStep<S extends ZodTypeAny = ZodTypeAny> = { schema: S; run: (input: z.output<S>) => Promise<Outcome<unknown>> };

// A method's parameter is compared both ways, so a map of steps, each taking its own schema's output, is one of these.
type AnySectionStep = { schema: ZodTypeAny; run(input: unknown): Promise<Outcome<unknown>> };

/** A SectionStep, its step typed by its schema. */
export function sectionStep<S extends ZodTypeAny>(schema: S, run: (input: z.output<S>) => Promise<Outcome<unknown>>): SectionStep<S> {
  return { schema, run };
}

/**
 * A posted form of an application's section, named `formId`: its `intent` picks one of `steps` (any other is an
 * unknown request, 400), the form is parsed as `parseSectionForm` does, then the step runs. Otherwise `answer` is
 * what to send back when the form or the step refused, with what was typed so nothing is lost.
 */
export async function runSectionForm<M extends Record<string, AnySectionStep>>(formData: FormData, steps: M, formId: string, editable: boolean) {
  const intent = String(formData.get("intent"));
  if (!Object.hasOwn(steps, intent)) return { ok: false as const, answer: formAnswer(formId, { form: UNKNOWN_REQUEST.message }, {}, UNKNOWN_REQUEST.status) };
  const step = steps[intent];
  const parsed = parseSectionForm(formData, step.schema, formId, editable);
  if (!parsed.ok) return parsed;
  const result = await step.run(parsed.data);
  if (!result.ok) return { ok: false as const, answer: refusalResponse<Record<string, unknown>, { formId: string }>(result, formDataToObject(formData), { formId }) };
  return { ok: true as const, input: parsed.data as z.output<M[keyof M]["schema"]> };
}

/**
 * A form whose posted `intent` picks its schema among `schemas`, parsed with it. Otherwise `answer` is what to send
 * back: an intent not in `schemas` is an unknown request (400), a refused form 400 with each message next to its
 * field. `formIdOf` names the form that answers, the intent unless told.
 */
export function parseIntentForm<M extends Record<string, ZodTypeAny>>(formData: FormData, schemas: M, formIdOf: (intent: string) => string = (intent) => intent) {
  const intent = String(formData.get("intent"));
  const schema = schemaForIntent(schemas, intent);
  if (!schema) return { ok: false as const, answer: refusalResponse(UNKNOWN_REQUEST, {}, { formId: intent }) };
  const parsed = parseForm(formData, schema);
  if (!parsed.success) return { ok: false as const, answer: invalidForm(parsed, { formId: formIdOf(intent) }) };
  return { ok: true as const, data: parsed.data as z.output<M[keyof M]> };
}
