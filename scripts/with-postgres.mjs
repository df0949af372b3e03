// Run a command against a throwaway PostgreSQL server on a free loopback port:
//   node scripts/with-postgres.mjs <command…>
// Uses the server binaries of the machine (PG_BIN, or the newest /usr/lib/postgresql/*/bin).
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

function findBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) throw new Error("PostgreSQL server binaries not found: install the postgresql package or set PG_BIN");
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error("No initdb under /usr/lib/postgresql/*/bin");
  return path.join(root, versions[0], "bin");
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: node scripts/with-postgres.mjs <command…>");
  process.exit(2);
}

const bin = findBin();
const port = await freePort();
const dir = mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
chmodSync(dir, 0o777);
const dataDir = path.join(dir, "data");
// PostgreSQL refuses to run as root: run it as an unprivileged user then.
const asUser = process.getuid?.() === 0 ? ["runuser", "-u", "nobody", "--"] : [];
const run = (cmd, cmdArgs) => {
  const full = [...asUser, path.join(bin, cmd), ...cmdArgs];
  execFileSync(full[0], full.slice(1), { stdio: ["ignore", "ignore", "inherit"] });
};

run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
run("pg_ctl", [
  "-D", dataDir, "-l", path.join(dir, "server.log"), "-w", "-o",
  `-p ${port} -h 127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
  "start",
]);
const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
console.log(`[with-postgres] PostgreSQL ${path.basename(path.dirname(bin))} on ${url}`);

const stop = () => {
  try {
    run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
  } catch {
    // already stopped
  }
  rmSync(dir, { recursive: true, force: true });
};

// A throwaway server gets a throwaway issuer key: with DATABASE_URL the portal requires ISSUER_KEY (decision 018).
const issuerKey = process.env.ISSUER_KEY || (await (await import("@digitalbazaar/ed25519-multikey")).generate().then((k) => k.export({ secretKey: true }))).secretKeyMultibase;
const child = spawn(args[0], args.slice(1), {
  stdio: "inherit",
  env: { ...process.env, ISSUER_KEY: issuerKey, DATABASE_URL: url, PG_TEST_PORT: String(port), PG_TEST_DATA: dataDir, PG_TEST_BIN: bin, PG_TEST_DIR: dir },
  shell: false,
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});

