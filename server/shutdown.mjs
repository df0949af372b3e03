// Graceful shutdown for server.mjs (decision 014): stop taking work at once, finish the work in flight, then stop.

/**
 * `middleware` goes first in the Express chain: it counts the requests in flight and, once shutdown has begun,
 * answers any new request 503 with `Connection: close` before the app does any work for it (a kept-alive client
 * may still send one). `shutdown(server)` stops accepting connections, closes idle kept-alive sockets, makes every
 * response still to be written close its socket, and resolves when the last request in flight has been answered
 * (or after `drainMs`, when the stragglers' sockets are cut). Only then may the caller close the database.
 *
 * An answer is not the work behind it: a client that goes away (a closed tab, a load generator at the end of its
 * window) closes its response while the loader or action is still running, and closing the database then would cut
 * that work mid-query. `track(work)` counts such work (server.mjs passes Remix's handling of each request), and the
 * drain waits for it as for the answers.
 */
export function createDrain({ drainMs = 10_000 } = {}) {
  let closing = false;
  let server;
  const inFlight = new Set();
  const working = new Set();
  let drained;
  const idle = () => inFlight.size === 0 && working.size === 0;

  function settle(res) {
    inFlight.delete(res);
    if (!closing) return;
    // The socket this answer went out on is idle now: close it rather than wait for the client's next request.
    setImmediate(() => server?.closeIdleConnections());
    if (idle()) drained?.();
  }

  return {
    get closing() {
      return closing;
    },
    middleware(_req, res, next) {
      if (closing) {
        res.status(503).set({ Connection: "close", "Retry-After": "5" }).type("text/plain").send("The server is restarting. Try again in a moment.");
        return;
      }
      inFlight.add(res);
      res.on("close", () => settle(res));
      next();
    },
    /** Counts `work` (a promise) as in flight until it settles, whether or not its client still waits; returns it. */
    track(work) {
      working.add(work);
      const done = () => {
        working.delete(work);
        if (closing && idle()) drained?.();
      };
      work.then(done, done);
      return work;
    },
    async shutdown(httpServer) {
      closing = true;
      server = httpServer;
      httpServer.close();
      httpServer.closeIdleConnections();
      for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
      if (!idle()) {
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, drainMs);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      httpServer.closeAllConnections();
    },
  };
}
