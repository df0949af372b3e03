import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium against the built app, started by tests/e2e/global-setup.ts on a
// free loopback port with a fresh embedded database (or DATABASE_URL) and a fake Resend on loopback.
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two browsers at once only for the screens project, which reads and never changes the shared database (its one
  // refused vote saves nothing): axe and screenshots are the browser's own work, so the two cores share it.
  // The flow specs change the seed in an order they rely on, one at a time.
  workers: 2,
  retries: 0,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  globalSetup: "./tests/e2e/global-setup.ts",
  // All specs share one seeded database. The keyboard spec finishes the seeded draft application and the seeded
  // draft review that other specs read, so it runs after them.
  // The screens spec looks at every page as each role, including the board's queue, so it runs first, before the
  // decision and journey specs decide the seeded application that waits for the board.
  projects: [
    { name: "screens", testMatch: /screens\.spec\.ts/, fullyParallel: true, workers: 2 },
    { name: "main", testIgnore: /(keyboard|screens)\.spec\.ts/, dependencies: ["screens"], workers: 1 },
    { name: "keyboard", testMatch: /keyboard\.spec\.ts/, dependencies: ["main"], workers: 1 },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
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
