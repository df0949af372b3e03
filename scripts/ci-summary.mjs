// One closing line for CI: every vitest run plus the Playwright run, as "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
for (const file of ["test-results/vitest-pglite.json", "test-results/vitest-postgres.json", "test-results/vitest-faults.json"]) {
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  console.log(`${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
if (existsSync("test-results/e2e.json")) {
  const r = JSON.parse(readFileSync("test-results/e2e.json", "utf8"));
  const s = r.stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  console.log(`end-to-end: ${s.expected ?? 0} passed, ${(s.unexpected ?? 0) + (s.flaky ?? 0)} failed`);
}
console.log(`${passed} passed, ${failed} failed`);
