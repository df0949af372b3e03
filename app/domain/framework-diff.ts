/**
 * Difference between two framework versions. Nodes are matched by their code, the one thing that stays
 * stable across versions (identifiers are per version: docs/decisions/007-case-identifiers.md).
 */
import type { FrameworkNode } from "./case";

export type DiffNode = Pick<FrameworkNode, "id" | "parentId" | "kind" | "code" | "title" | "description" | "level" | "core">;

export type FieldChange = { field: "kind" | "title" | "description" | "level" | "core" | "area"; from: string; to: string };

export type FrameworkDiff = {
  added: DiffNode[];
  removed: DiffNode[];
  changed: { code: string; from: DiffNode; to: DiffNode; changes: FieldChange[] }[];
  unchanged: number;
};

const show = (v: string | boolean | null) => (v === null ? "—" : typeof v === "boolean" ? (v ? "core" : "not core") : v);

export function diffFrameworks(from: DiffNode[], to: DiffNode[]): FrameworkDiff {
  const codeOf = (nodes: DiffNode[]) => {
    const byId = new Map(nodes.map((n) => [n.id, n.code]));
    return (n: DiffNode) => (n.parentId ? (byId.get(n.parentId) ?? null) : null);
  };
  const parentCodeFrom = codeOf(from);
  const parentCodeTo = codeOf(to);
  const before = new Map(from.map((n) => [n.code, n]));
  const after = new Map(to.map((n) => [n.code, n]));
  const byCode = (a: DiffNode, b: DiffNode) => a.code.localeCompare(b.code, "en", { numeric: true });

  const added = to.filter((n) => !before.has(n.code)).sort(byCode);
  const removed = from.filter((n) => !after.has(n.code)).sort(byCode);
  const changed: FrameworkDiff["changed"] = [];
  let unchanged = 0;
  for (const next of [...to].sort(byCode)) {
    const prev = before.get(next.code);
    if (!prev) continue;
    const changes: FieldChange[] = [];
    for (const field of ["kind", "title", "description", "level", "core"] as const) {
      if (prev[field] !== next[field]) changes.push({ field, from: show(prev[field]), to: show(next[field]) });
    }
    const prevArea = parentCodeFrom(prev);
    const nextArea = parentCodeTo(next);
    if (prevArea !== nextArea) changes.push({ field: "area", from: show(prevArea), to: show(nextArea) });
    if (changes.length > 0) changed.push({ code: next.code, from: prev, to: next, changes });
    else unchanged += 1;
  }
  return { added, removed, changed, unchanged };
}
