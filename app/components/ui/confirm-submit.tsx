import { useId, useRef, type ReactNode } from "react";
import { useHydrated } from "./hydrated";

/**
 * A submit button that asks first. With JavaScript it opens a native <dialog> (focus moves into it, Escape
 * cancels); only "confirm" submits, with this button as the submitter so its name and value are sent. Without
 * JavaScript a required checkbox stands beside the button instead, so the form cannot post unticked.
 */
export function ConfirmSubmit({
  name,
  value,
  className = "button",
  children,
  question,
  confirmLabel,
  checkboxLabel,
}: {
  name?: string;
  value?: string;
  className?: string;
  children: ReactNode;
  question: ReactNode;
  confirmLabel: string;
  checkboxLabel: string;
}) {
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  const id = useId();
  return (
    <>
      {hydrated ? null : (
        <label className="check">
          <input type="checkbox" required /> {checkboxLabel}
        </label>
      )}
      <button
        ref={button}
        type="submit"
        name={name}
        value={value}
        className={className}
        onClick={(event) => {
          if (!hydrated || confirmed.current) {
            confirmed.current = false;
            return;
          }
          // Let the browser report missing fields first; ask only about a form that could be sent.
          if (button.current?.form && !button.current.form.checkValidity()) return;
          event.preventDefault();
          dialog.current?.showModal();
        }}
      >
        {children}
      </button>
      {hydrated ? (
        <dialog ref={dialog} className="confirm-dialog" aria-labelledby={`${id}-q`}>
          <p id={`${id}-q`}>{question}</p>
          <div className="row">
            <button type="button" className="button secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button
              type="button"
              className={className}
              onClick={() => {
                confirmed.current = true;
                dialog.current?.close();
                button.current?.click();
              }}
            >
              {confirmLabel}
            </button>
          </div>
        </dialog>
      ) : null}
    </>
  );
}
