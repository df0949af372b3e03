/**
 * The real server (server.mjs over the built app, NODE_ENV=production, as `npm start` runs it) in a child
 * process on a free loopback port, for tests that must go through HTTP: Express guards, the page cache,
 * Remix's error handling. Builds the app first when the build is missing or older than the sources.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { buildIfStale } from "../../scripts/build-if-stale.mjs";

export function ensureBuilt(): void {
  buildIfStale({ quiet: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export type RunningServer = { url: string; log: () => string; stop: () => Promise<void> };

/** `env` overrides; by default the embedded database in a fresh folder, no seed, no email worker. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  ensureBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-server-test-"));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("node", ["server.mjs"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      RESEND_API_KEY: "",
      EMAIL_WORKER: "off",
      DEV_MAILBOX: "on",
      SEED: "off",
      ...env,
    },
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (!log.includes("ready at")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
