/**
 * The built app on a database of its own, for one Playwright worker (decision 049): `node server.mjs` on a free
 * loopback port from E2E_PORT up, a fresh database it migrates and seeds on start, and the development mailbox the
 * tests read. With DATABASE_URL (CI: `node scripts/with-postgres.mjs npx playwright test`) the database is a new one
 * created on that PostgreSQL server (the URL's user needs CREATEDB) and dropped afterwards; without, a fresh embedded
 * database in a temporary DATA_DIR. Each worker starting its own means no spec sees another worker's changes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { SERVER_NODE_FLAGS } from "../../server/node-flags.mjs";

export type PortalServer = { url: string; stop: () => Promise<void> };

/** The first port from `from` up that nothing on loopback listens on. */
async function freePortFrom(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port from ${from} to ${from + 199}`);
}

async function waitFor(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode} before answering at ${url}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Server did not answer at ${url} within ${timeoutMs} ms`);
}

/** A database of its own on the DATABASE_URL server: its URL and how to drop it. */
async function createDatabase(serverUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const again = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      try {
        await again.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}

/** Start the built app for worker `workerIndex` on a fresh seeded database; the mail goes to the dev mailbox. */
export async function startPortal(workerIndex: number, timeoutMs: number): Promise<PortalServer> {
  const port = await freePortFrom(Number(process.env.E2E_PORT ?? 3100) + workerIndex);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  const database = process.env.DATABASE_URL
    ? await createDatabase(process.env.DATABASE_URL, `portal_e2e_${process.pid}_${workerIndex}`)
    : undefined;
  const url = `http://127.0.0.1:${port}`;
  const server = spawn("node", [...SERVER_NODE_FLAGS, "server.mjs"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      ...(database ? { DATABASE_URL: database.url } : {}),
      DEV_MAILBOX: "on",
      APP_URL: url,
      RESEND_API_KEY: "",
    },
  });
  // The server's lines, marked with the worker they belong to (several servers write to the same terminal).
  const prefix = `[portal ${workerIndex}] `;
  const forward = (to: NodeJS.WriteStream) => (chunk: Buffer) => {
    to.write(chunk.toString().replace(/^(?=.)/gm, prefix));
  };
  server.stdout?.on("data", forward(process.stdout));
  server.stderr?.on("data", forward(process.stderr));
  const exited = new Promise((r) => server.once("exit", r));
  const cleanUp = async () => {
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await exited;
    }
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  // A fresh embedded database (initdb, migrations, seed) can take a while on a busy shared machine.
  try {
    await waitFor(`${url}/`, server, timeoutMs);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { url, stop: cleanUp };
}
