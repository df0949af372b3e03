import type { ReactNode } from "react";

/** For `StepAlerts`' `done`: the message of the step the address names after its redirect (`?saved=1`), if any. */
export function doneBy(params: URLSearchParams, messages: Record<string, ReactNode>): ReactNode {
  const flag = Object.keys(messages).find((name) => params.get(name));
  return flag === undefined ? null : messages[flag];
}

/** For `StepAlerts`' `done`: the message of the step that `?done=` names after its redirect (`?done=report`), if any. */
export function doneNamed(params: URLSearchParams, messages: Record<string, ReactNode>): ReactNode {
  const done = params.get("done");
  return done !== null && Object.hasOwn(messages, done) ? messages[done] : null;
}

/** What the last step did, said after its redirect, and a refusal of it that belongs to no single field. */
export function StepAlerts({ done, error }: { done?: ReactNode; error?: string | null }) {
  return (
    <>
      {done ? (
        <p className="alert success" role="status">
          {done}
        </p>
      ) : null}
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
