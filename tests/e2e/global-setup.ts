import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3100);

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Server did not answer at ${url} within ${timeoutMs} ms`);
}

/** Start the built app on a fresh seeded database; the mail goes to the dev mailbox the tests read. */
export default async function globalSetup() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  const server = spawn("node", ["server.mjs"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DEV_MAILBOX: "on",
      APP_URL: `http://127.0.0.1:${port}`,
      RESEND_API_KEY: "",
    },
  });
  // A fresh embedded database (initdb, migrations, seed) can take minutes on a busy shared machine.
  try {
    await waitFor(`http://127.0.0.1:${port}/`, Number(process.env.E2E_START_TIMEOUT_MS ?? 60_000));
  } catch (error) {
    server.kill("SIGTERM");
    throw error;
  }
  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
