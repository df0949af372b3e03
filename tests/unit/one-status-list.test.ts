import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";

// The application statuses are listed once, in db/schema/enums.ts; everything else derives from that list.
const HOME = join("db", "schema", "enums.ts");
const STATUS = /"(draft|submitted|under_review|changes_requested|awaiting_decision|accredited|rejected|withdrawn)"/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "seed-data" || name === "migrations" ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

test("no file but db/schema/enums.ts writes out the application status list", () => {
  const strays = ["app", "db", "emails"].flatMap(sourceFiles).flatMap((path) => {
    if (path === HOME) return [];
    // A copy names seven or eight of the statuses in one bracket or union; a rule (the states withdraw is allowed from) names fewer.
    const lists = readFileSync(path, "utf8").match(/\[[^\]]*\]|(?:\|\s*"[a-z_]+"\s*)+/g) ?? [];
    return lists.filter((list) => new Set(list.match(STATUS)).size >= 7).map(() => path);
  });
  expect(strays).toEqual([]);
});

test("the test would see a stray copy", () => {
  const copy = readFileSync(HOME, "utf8").match(/APPLICATION_STATUSES = (\[[^\]]*\])/)![1];
  expect(new Set(copy.match(STATUS)).size).toBeGreaterThanOrEqual(7);
});
