// The embedded database's own thread (decision 029). PGlite runs every query on the thread that calls it, so
// in the web process a burst of requests stalled the event loop for seconds. Here it runs in a worker thread
// and speaks the PostgreSQL wire protocol over a MessagePort: the web thread uses postgres.js, exactly as it
// does against a PostgreSQL server, so both databases go through one driver, one migrator and one code path.
//
// Plain JavaScript on purpose: this file is started as it is by the built server, by tsx scripts and by
// vitest, none of which would transform TypeScript inside a worker.
import { mkdirSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { templateFor } from "./pglite-template.mjs";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

/** @type {{ dataDir: string }} */
const { dataDir } = workerData;
// PGlite does not create the parent folders of its data directory.
if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
// A new database starts from the installed template instead of running initdb (db/pglite-template.mjs).
const pg = new PGlite(dataDir, { extensions: { pg_trgm }, loadDataDir: templateFor(dataDir) });

// One PGlite backend, one session: every message from every connection runs in this one queue, in order.
let queue = pg.waitReady;
// Set once the database is closed (at shutdown): connections that end after it have no transaction left to roll back.
let closed = false;
const run = (task) => (queue = queue.then(task).catch((error) => console.error("embedded database:", error)));

/**
 * One postgres.js connection: bytes in, whole protocol messages to PGlite, its answers back.
 * @param {import("node:worker_threads").MessagePort} port
 */
function serve(port) {
  let pending = Buffer.alloc(0);
  let started = false;

  /** The next whole message in `pending`, or undefined until more bytes arrive. */
  function take() {
    if (pending.length < 5) return undefined;
    if (!started) {
      if (pending.length < 8) return undefined;
      const length = pending.readInt32BE(0);
      const code = pending.readInt32BE(4);
      if (pending.length < length) return undefined;
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      if (code === SSL_REQUEST) return { reply: Buffer.from("N") };
      if (code === CANCEL_REQUEST) return { reply: Buffer.alloc(0) }; // no backend process to signal
      if (code === PROTOCOL_3) started = true;
      return { message };
    }
    const length = 1 + pending.readInt32BE(1);
    if (pending.length < length) return undefined;
    const message = pending.subarray(0, length);
    pending = pending.subarray(length);
    return { message };
  }

  port.on("message", (data) => {
    if (data === "end") {
      // The client went away: never leave its transaction open for the next connection.
      run(async () => {
        if (!closed && pg.isInTransaction()) await pg.exec("ROLLBACK");
      });
      port.close();
      return;
    }
    pending = pending.length ? Buffer.concat([pending, data]) : Buffer.from(data);
    const batch = [];
    for (let next = take(); next; next = take()) batch.push(next);
    if (batch.length === 0) return;
    run(async () => {
      const out = [];
      try {
        // Consecutive protocol messages go to PGlite in one call (it reads them in order, as a server reads
        // its socket): one call per message cost a round trip into WebAssembly each.
        let run = [];
        const flush = async () => {
          if (run.length === 0) return;
          const message = run.length === 1 ? run[0] : Buffer.concat(run);
          run = [];
          await pg.execProtocolRawStream(new Uint8Array(message), { onRawData: (d) => out.push(Buffer.from(d)) });
        };
        for (const item of batch) {
          if (item.reply) {
            await flush();
            out.push(item.reply);
          } else run.push(item.message);
        }
        await flush();
      } catch (error) {
        // A message PGlite could not take: the connection is unusable, the client reconnects.
        port.postMessage({ error: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (out.length) port.postMessage(Buffer.concat(out));
    });
  });
}

parentPort.on("message", (message) => {
  if (message.type === "connect") serve(message.port);
  else if (message.type === "close")
    run(async () => {
      await pg.close();
      closed = true;
      parentPort.postMessage({ type: "closed" });
    });
});

queue.then(
  () => parentPort.postMessage({ type: "ready" }),
  (error) => parentPort.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) }),
);
