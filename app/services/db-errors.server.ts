/**
 * What a failed statement means, read from PostgreSQL's SQLSTATE. postgres.js puts the code on the error,
 * drizzle on PGlite wraps it in `cause`: follow the chain.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (typeof e === "object" && (e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
