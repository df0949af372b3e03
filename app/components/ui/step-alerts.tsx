import type { ReactNode } from "react";

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
