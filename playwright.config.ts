import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium, in its headless shell (decision 060), against the built app (`npm run build` first). There is no global server:
// each worker process starts its own (the `portal` fixture in tests/e2e/fixtures.ts) on a loopback port from E2E_PORT
// (3100 by default) up, on a fresh seeded database of its own (a new database on the DATABASE_URL server, or a fresh
// embedded one), with the development mailbox (decision 049).

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  // Two browsers and two servers share the two cores, so a long flow (the safeguards spec, about 40 s alone on a quiet
  // runner) takes longer than it would alone: it failed at 60 s once on a host at load 13 (decision 049).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two browsers and two servers at once. A worker runs the specs it is given one after another on its database, in
  // file order; a spec never sees another worker's changes, and each one passes on a freshly seeded database of its own
  // (`npx playwright test tests/e2e/<spec> --project main`). A worker process belongs to one project, so each project's
  // workers start from the seed whatever the others did: the projects need no order and run side by side.
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  // Playwright hands out the projects' work in this order, to whichever worker is free: the flow specs first (whole
  // files, the journey the longest), then the keyboard spec, then the screens tests one at a time, which even out the end.
  projects: [
    // The flow specs change the seed; the tests within a spec rely on their order, so a spec stays on one worker.
    { name: "main", testIgnore: /(keyboard|screens)\.spec\.ts/ },
    // Keyboard only: it finishes the seeded draft application and the seeded draft review, on its worker's database.
    { name: "keyboard", testMatch: /keyboard\.spec\.ts/ },
    // Every page as each role (issue 17): its tests only read the seed (the one refused vote saves nothing), so they
    // spread over both workers one test at a time.
    { name: "screens", testMatch: /screens\.spec\.ts/, fullyParallel: true },
  ],
  use: {
    screenshot: "only-on-failure",
    // A trace records every action's DOM snapshot and a screencast, and was a third of the browser tests' CPU (the
    // reviewer and board screens tests: 134 s with it, 95 s without, 113 s with snapshots only; a cpuacct cgroup
    // around the run). CI prints only the error, and keeps no trace, so it records none; a run here keeps the trace of
    // a failed test.
    trace: process.env.CI ? "off" : "retain-on-failure",
    launchOptions: {
      // Debian's `chromium-headless-shell`: the same Blink and V8 as `/usr/bin/chromium` (one source package, one
      // version) without the browser around them; a third less CPU for the browser tests (decision 060).
      // `CHROMIUM_PATH=/usr/bin/chromium` runs them in the browser itself.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
