import { Form, useSubmit } from "@remix-run/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type DefaultValues, type FieldValues } from "react-hook-form";
import type { ButtonHTMLAttributes, FormEvent, InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";
import type { ZodTypeAny } from "zod";
import type { FieldErrors } from "~/domain/forms";

/**
 * react-hook-form driven by the same zod schema the action validates with. Without JavaScript the form
 * posts natively and the server's field errors show; with it, errors show before the round trip and the
 * submission goes through Remix (so the page does not reload).
 */
export function useValidatedForm<S extends ZodTypeAny>(
  schema: S,
  options: {
    serverErrors?: FieldErrors | null;
    defaultValues?: Record<string, unknown>;
    /** Sends the valid form some other way than a navigation (a fetcher's submit, to answer in place). */
    send?: (target: HTMLFormElement | HTMLButtonElement) => void;
  } = {},
) {
  const navigate = useSubmit();
  const submit = options.send ?? ((target: HTMLFormElement | HTMLButtonElement) => navigate(target, { navigate: true }));
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema),
    mode: "onTouched",
    defaultValues: options.defaultValues as DefaultValues<FieldValues> | undefined,
  });
  const serverErrors = options.serverErrors ?? {};
  const errorFor = (name: string): string | undefined => {
    const clientError = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], form.formState.errors);
    const message = (clientError as { message?: unknown } | undefined)?.message;
    return typeof message === "string" ? message : serverErrors[name];
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    event.preventDefault();
    void form.handleSubmit(() => {
      submit(submitter instanceof HTMLButtonElement ? submitter : element);
    })(event);
  };
  // react-hook-form writes default values into inputs through refs, which only happens in the browser.
  // Render them as defaultValue/defaultChecked too, so the server-rendered (and no-JavaScript) form is filled in.
  const register = ((name: string, registerOptions?: Parameters<typeof form.register>[1]) => {
    const registered = form.register(name, registerOptions);
    const value = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], options.defaultValues);
    if (typeof value === "boolean") return { ...registered, defaultChecked: value };
    if (typeof value === "string" || typeof value === "number") return { ...registered, defaultValue: String(value) };
    return registered;
  }) as typeof form.register;
  return { ...form, register, errorFor, onSubmit };
}

/** Label, hint and error wired to the control by id, so screen readers announce them together. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: (control: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      <FieldError fieldId={id} error={error} />
    </div>
  );
}

/** A form from `useValidatedForm`. */
export type ValidatedForm = ReturnType<typeof useValidatedForm>;

/** A field registered with `form` under `name`: its `Field` has `id` (the name unless told), the label, hint and the form's error. */
type RegisteredFieldProps = { form: Pick<ValidatedForm, "register" | "errorFor">; name: string; id?: string; label: ReactNode; hint?: ReactNode };

/** The most common field: a `Field` whose control is one input registered under `name`; the rest are the input's attributes. */
export function InputField({ form, name, id = name, label, hint, ...input }: RegisteredFieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "name" | "id">) {
  return (
    <Field id={id} label={label} hint={hint} error={form.errorFor(name)}>
      {(control) => <input {...control} {...form.register(name)} {...input} />}
    </Field>
  );
}

/** `InputField` for a text area. */
export function TextAreaField({ form, name, id = name, label, hint, ...textarea }: RegisteredFieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "form" | "name" | "id">) {
  return (
    <Field id={id} label={label} hint={hint} error={form.errorFor(name)}>
      {(control) => <textarea {...control} {...form.register(name)} {...textarea} />}
    </Field>
  );
}

/** A choice of one among a few, with its error under the options (the fieldset names it for screen readers). */
export function RadioGroup({
  name,
  legend,
  options,
  error,
  inputProps,
}: {
  name: string;
  legend: ReactNode;
  options: readonly (readonly [value: string, label: ReactNode])[];
  error?: string;
  /** What react-hook-form's `register(name)` gives, the same for every option. */
  inputProps: Record<string, unknown>;
}) {
  return (
    <fieldset aria-describedby={error ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map(([value, label]) => (
        <label key={value} className="check">
          <input type="radio" value={value} {...inputProps} /> {label}
        </label>
      ))}
      <FieldError fieldId={name} error={error} />
    </fieldset>
  );
}

/**
 * A choice of any among several, with its error under the options (`fieldId` names the error for screen readers).
 * `checked` is what the form's default values hold: one value or a list, ticked at first.
 */
export function CheckboxGroup({
  fieldId,
  legend,
  options,
  checked,
  error,
  inputProps,
}: {
  fieldId: string;
  legend: ReactNode;
  options: readonly (readonly [value: string, label: ReactNode])[];
  checked: unknown;
  error?: string;
  /** What react-hook-form's `register(name)` gives, the same for every option. */
  inputProps: Record<string, unknown>;
}) {
  const ticked = ([] as unknown[]).concat(checked ?? []);
  return (
    <fieldset className="field" aria-describedby={error ? `${fieldId}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="checks">
        {options.map(([value, label]) => (
          <label key={value}>
            <input type="checkbox" value={value} {...inputProps} defaultChecked={ticked.includes(value)} /> {label}
          </label>
        ))}
      </div>
      <FieldError fieldId={fieldId} error={error} />
    </fieldset>
  );
}

/** A form's submit button (`className` defaults to the primary button); `row` puts it on a line of its own. */
export function SubmitButton({ row = false, className = "button", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { row?: boolean }) {
  const button = <button type="submit" className={className} {...props} />;
  return row ? <div>{button}</div> : button;
}

/**
 * A row's "Remove" button in a list: a plain POST of `intent` and the row's hidden fields. `what` names the row for
 * screen readers, so every row's button has its own name.
 */
export function RemoveRowForm({ intent, fields, what }: { intent: string; fields: Record<string, string>; what: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton className="button small danger">
        Remove<span className="visually-hidden"> {what}</span>
      </SubmitButton>
    </Form>
  );
}

/** A select's options: first an empty choice when `blank` names it, then one option per [value, label]. */
type OptionsProps = { blank?: string; choices: readonly (readonly [value: string | number, label: string | number])[] };

export function Options({ blank, choices }: OptionsProps) {
  return (
    <>
      {blank === undefined ? null : <option value="">{blank}</option>}
      {choices.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}

/** A labelled select that sends its choice with a GET form (a list's filter or sort), `value` chosen at first. */
export function SelectFilter({ id, name, label, value, ...options }: { id: string; name: string; label: ReactNode; value: string | number } & OptionsProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <Options {...options} />
      </select>
    </>
  );
}

/** A field's error under it, with the id its input's `aria-describedby` names (`<fieldId>-error`); nothing without one. */
export function FieldError({ fieldId, error }: { fieldId: string; error?: string | null }) {
  if (!error) return null;
  return (
    <p className="field-error" id={`${fieldId}-error`}>
      {error}
    </p>
  );
}

/** The summary at the top of a failed form: what went wrong, each item a link to its field. */
export function ErrorSummary({ errors, formError }: { errors?: FieldErrors | null; formError?: string | null }) {
  const entries = Object.entries(errors ?? {}).filter(([k]) => k !== "form");
  const general = formError ?? errors?.form;
  if (!general && entries.length === 0) return null;
  return (
    <div className="alert error" role="alert" tabIndex={-1}>
      <strong>{general ?? "Please correct the highlighted fields."}</strong>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([name, message]) => (
            <li key={name}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
