import type { ReactNode } from "react";

/** For `StepAlerts`' `done`: the message of the step the address names after its redirect (`?saved=1`), if any. */
export function doneBy(params: URLSearchParams, messages: Record<string, ReactNode>): ReactNode {
  const flag = Object.keys(messages).find((name) => params.get(name));
  return flag === undefined ? null : messages[flag];
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
