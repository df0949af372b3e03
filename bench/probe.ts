/**
 * `tsx bench/probe.ts <base-url>`: each signed-in page of the bench, requested one at a time (no concurrency),
 * five times: the serial latency of a page on a running server, to find the slow ones before a full bench run.
 */
import { openDatabase } from "../db/client.server";
import { signedInPages } from "./signed-in";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const url = process.env.DATABASE_URL;
const handle = url ? openDatabase({ driver: "postgres", url, max: 1 }) : openDatabase({ driver: "pglite", dataDir: ".data/bench" });
const pages = await signedInPages(handle.db, () => {});
await handle.close();
for (const p of pages) {
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const res = await fetch(base + p.paths[i % p.paths.length], { headers: { cookie: p.cookie }, redirect: "manual" });
    const body = await res.text();
    times.push(performance.now() - t0);
    status = res.status;
    if (i === 4) console.log(`${p.page.padEnd(40)} status=${status} bytes=${body.length} ms=${times.map((t) => t.toFixed(0)).join(",")}`);
  }
}
// The services this imports keep the application's own database handle open.
process.exit(0);
