import { queryObservers } from "../../db/client.server";

/** Every statement the database handle received while `run` ran, in order. */
export async function recordQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  const observe = (query: string) => void queries.push(query);
  queryObservers.add(observe);
  try {
    return { result: await run(), queries };
  } finally {
    queryObservers.delete(observe);
  }
}

/** The SELECTs among `queries` that read the named table (in FROM or a JOIN, subqueries included). */
export function readsOf(queries: string[], table: string): string[] {
  const mention = new RegExp(`(from|join)\\s+"${table}"`, "i");
  return queries.filter((q) => /^\s*(with|select)\b/i.test(q) && mention.test(q));
}
