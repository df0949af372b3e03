import path from "node:path";
import { Duplex } from "node:stream";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";

/**
 * PGlite in a worker thread (db/pglite-worker.mjs, decision 029), reached by postgres.js through its `socket`
 * option: each connection is a MessageChannel carrying the PostgreSQL wire protocol. Nothing listens on a
 * network port or a file, so nothing outside this process can reach the embedded database.
 */
export type EmbeddedDatabase = {
  /** For postgres.js's `socket` option: a new connection to the worker. */
  socket(): Promise<Duplex>;
  close(): Promise<void>;
};

const workerFile = path.resolve(process.cwd(), "db/pglite-worker.mjs");

/** A postgres.js socket whose far end is the worker thread. */
class PortSocket extends Duplex {
  constructor(private readonly port: MessagePort) {
    super();
    port.on("message", (data: Uint8Array | { error: string }) => {
      if (data instanceof Uint8Array) this.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      else this.destroy(new Error(`embedded database: ${data.error}`));
    });
  }
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.port.postMessage(chunk);
    done();
  }
  override _final(done: (error?: Error | null) => void): void {
    // The client ended the connection (postgres.js has stopped reading by then): release the port at once.
    done();
    this.destroy();
  }
  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.port.postMessage("end");
    this.port.close();
    done(error);
  }
  // postgres.js reads a net.Socket's readyState to decide whether to send Terminate and wait for 'close'.
  get readyState(): "open" | "closed" {
    return this.destroyed ? "closed" : "open";
  }
  // postgres.js calls these on TCP sockets when they exist; a thread needs neither.
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
}

export function startEmbeddedDatabase(options: { dataDir: string }): EmbeddedDatabase {
  const worker = new Worker(workerFile, { workerData: options });
  let failure: Error | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === "ready") resolve();
      if (message.type === "failed") reject(new Error(`embedded database did not start: ${message.message}`));
    };
    worker.on("message", onMessage);
    worker.once("error", (error) => {
      failure = error;
      reject(error);
    });
    worker.once("exit", (code) => reject(new Error(`embedded database thread exited (${code})`)));
  });
  // Nothing awaits `ready` until the first connection: keep an early failure from being unhandled.
  ready.catch(() => {});
  // If the thread dies, fail the queries in flight at once rather than leave them waiting forever.
  const open = new Set<PortSocket>();
  worker.once("exit", (code) => {
    for (const socket of open) socket.destroy(failure ?? new Error(`embedded database thread exited (${code})`));
  });

  return {
    async socket() {
      await ready;
      const channel = new MessageChannel();
      worker.postMessage({ type: "connect", port: channel.port2 }, [channel.port2]);
      const socket = new PortSocket(channel.port1);
      open.add(socket);
      socket.once("close", () => open.delete(socket));
      return socket;
    },
    async close() {
      try {
        await ready;
        // Let PGlite close its data directory cleanly (a fast next start), then end the thread.
        await new Promise<void>((resolve, reject) => {
          worker.on("message", (message: { type: string }) => message.type === "closed" && resolve());
          worker.once("exit", () => reject(failure ?? new Error("embedded database thread exited")));
          worker.postMessage({ type: "close" });
        });
      } catch {
        // a thread that never started or already died has nothing to close
      }
      await worker.terminate();
    },
  };
}
