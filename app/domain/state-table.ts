/**
 * The shape every safeguard workflow (complaints, appeals) shares with the application workflow: a table
 * of action → { from states, roles, to state }. `move()` answers whether `role` may do `action` from
 * `from`; the service then updates with `WHERE status = from` (compare-and-set).
 */
export type StateRule<S extends string, R extends string> = { from: readonly S[]; roles: readonly R[]; to: S };

export type Move<S extends string> = { ok: true; to: S } | { ok: false; reason: "role_not_allowed" | "not_allowed_from_status"; message: string };

export function move<S extends string, A extends string, R extends string>(
  table: Record<A, StateRule<S, R>>,
  labels: { state: (s: S) => string; action: (a: A) => string },
  from: S,
  action: A,
  role: R,
): Move<S> {
  const rule = table[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: "role_not_allowed", message: `You cannot ${labels.action(action)}.` };
  if (!rule.from.includes(from)) return { ok: false, reason: "not_allowed_from_status", message: `This is ${labels.state(from).toLowerCase()}; it cannot ${labels.action(action)} now.` };
  return { ok: true, to: rule.to };
}

/** The actions `role` may take from `from`, in table order (for buttons; the service still calls `move`). */
export function actionsFrom<S extends string, A extends string, R extends string>(table: Record<A, StateRule<S, R>>, from: S, role: R): A[] {
  return (Object.keys(table) as A[]).filter((a) => table[a].from.includes(from) && table[a].roles.includes(role));
}

/**
 * A workflow's table with the words its refusals use, as the two questions its services and pages ask: `move`,
 * may `role` do `action` from `from`, and `actions`, what `role` may do from `from` in table order (for forms).
 */
export function stateMachine<S extends string, A extends string, R extends string>(table: Record<A, StateRule<S, R>>, labels: { state: (s: S) => string; action: (a: A) => string }) {
  return {
    move: (from: S, action: A, role: R): Move<S> => move(table, labels, from, action, role),
    actions: (from: S, role: R): A[] => actionsFrom(table, from, role),
  };
}
