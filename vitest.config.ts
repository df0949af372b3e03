import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Two projects: pure unit tests start instantly; integration tests get one migrated database per worker
// (PGlite in memory, or a database of its own on the PostgreSQL server named by DATABASE_URL).
const MODULE_MOCKS = ["tests/integration/login-limits.test.ts"];

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    pool: "forks",
    // Worker processes are reused across test files: integration tests then open and migrate one database per
    // process, emptied before each test (setup-db), instead of one per file, which was most of the suite's
    // time (decision 030). Tests share no module state beyond that database and the clock, both reset per test.
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/support/setup-unit.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          exclude: MODULE_MOCKS,
          setupFiles: ["tests/support/setup-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // A file that replaces a module with vi.mock needs a process of its own: in a reused process the real
      // module is already loaded by whoever imported it first.
      {
        extends: true,
        test: {
          name: "integration-isolated",
          include: MODULE_MOCKS,
          setupFiles: ["tests/support/setup-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          poolOptions: { forks: { isolate: true } },
        },
      },
      // The built server over HTTP (server.mjs in a child process, on its own embedded database): bursts, guards.
      {
        extends: true,
        test: { name: "server", include: ["tests/server/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      // Fault injection restarts the PostgreSQL server: only on request, alone, against with-postgres.mjs.
      ...(process.env.FAULTS === "1"
        ? [
            {
              extends: true as const,
              // One file at a time: each stops and starts the one PostgreSQL server the run shares.
              test: { name: "faults", include: ["tests/faults/**/*.test.ts"], setupFiles: ["tests/support/setup-db.ts"], testTimeout: 60_000, hookTimeout: 60_000, poolOptions: { forks: { singleFork: true } } },
            },
          ]
        : []),
    ],
  },
});
