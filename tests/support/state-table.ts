import { expect } from "vitest";

type Cell<S, A, R> = { from: S; action: A; role: R; allowed: boolean };

/**
 * A workflow's whole state table, cell by cell: each (status, action, role) is allowed exactly when `expected`
 * names its target (keyed `status|action|role`), and then moves to that status; every other cell is refused.
 * `match: "partial"` for a move whose answer carries more than `{ ok, to }`. `each` adds a check per cell.
 */
export function expectWholeTable<S extends string, A extends string, R extends string>(
  axes: { statuses: readonly S[]; actions: readonly A[]; roles: readonly R[] },
  move: (from: S, action: A, role: R) => { ok: boolean },
  expected: ReadonlyMap<string, string>,
  options: { match?: "exact" | "partial"; each?: (cell: Cell<S, A, R>) => void } = {},
): void {
  let allowed = 0;
  let checked = 0;
  for (const from of axes.statuses)
    for (const action of axes.actions)
      for (const role of axes.roles) {
        const result = move(from, action, role);
        const to = expected.get(`${from}|${action}|${role}`);
        const label = `${from} ${action} ${role}`;
        checked += 1;
        if (to) {
          if (options.match === "partial") expect(result, label).toMatchObject({ ok: true, to });
          else expect(result, label).toEqual({ ok: true, to });
          allowed += 1;
        } else {
          expect(result.ok, label).toBe(false);
        }
        options.each?.({ from, action, role, allowed: Boolean(to) });
      }
  expect(allowed, "every expected move is a cell of the table").toBe(expected.size);
  expect(checked).toBe(axes.statuses.length * axes.actions.length * axes.roles.length);
}
