// Graceful shutdown for server.mjs (decision 014): stop taking work at once, finish the work in flight, then stop.

/**
 * `middleware` goes first in the Express chain: it counts the requests in flight and, once shutdown has begun,
 * answers any new request 503 with `Connection: close` before the app does any work for it (a kept-alive client
 * may still send one). `shutdown(server)` stops accepting connections, closes idle kept-alive sockets, makes every
 * response still to be written close its socket, and resolves when the last request in flight has been answered
 * (or after `drainMs`, when the stragglers' sockets are cut). Only then may the caller close the database.
 */
export function createDrain({ drainMs = 10_000 } = {}) {
  let closing = false;
  let server;
  const inFlight = new Set();
  let drained;

  function settle(res) {
    inFlight.delete(res);
    if (!closing) return;
    // The socket this answer went out on is idle now: close it rather than wait for the client's next request.
    setImmediate(() => server?.closeIdleConnections());
    if (inFlight.size === 0) drained?.();
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
    async shutdown(httpServer) {
      closing = true;
      server = httpServer;
      httpServer.close();
      httpServer.closeIdleConnections();
      for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
      if (inFlight.size > 0) {
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
