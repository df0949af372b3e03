// Graceful shutdown for server.mjs (decision 014): stop taking work at once, finish the work in flight, then stop.

/**
 * `middleware` goes first in the Express chain: it counts the requests in flight and, once shutdown has begun,
 * answers any new request 503 with `Connection: close` before the app does any work for it (a kept-alive client
 * may still send one). `shutdown(server)` stops accepting connections, closes idle kept-alive sockets, makes every
 * response still to be written close its socket, and resolves when the last request in flight has been answered
 * (or after `drainMs`, when the stragglers' sockets are cut). Only then may the caller close the database.
 *
 * A request is in flight until the app has ended its answer, not only until its response closes: a client that goes
 * away (a closed tab, a load generator at the end of its window) closes the response while the loader or action still
 * runs, whatever middleware runs it (the page cache renders too), and closing the database then would cut that work
 * mid-query.
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
      // Done when the app has ended its answer and the response has closed (sent, or its client gone), in either
      // order: a client that goes away closes the response while the loader or action may still run.
      let ended = false;
      let closed = false;
      const done = () => ended && closed && settle(res);
      res.on("close", () => {
        closed = true;
        done();
      });
      const end = res.end;
      res.end = function (...args) {
        const result = end.apply(this, args);
        ended = true;
        done();
        return result;
      };
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
