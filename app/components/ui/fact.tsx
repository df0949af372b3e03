import type { CSSProperties, ReactNode } from "react";

/** One fact of a description list (`<dl>`): its term, then its value; a fact that may be missing is drawn on a condition. */
export function Fact({ term, style, children }: { term: ReactNode; style?: CSSProperties; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd style={style}>{children}</dd>
    </>
  );
}
