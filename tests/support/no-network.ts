/**
 * Blocks the network for the test file that imports it: fetch always fails, and a socket may only open to
 * the loopback interface (the test PostgreSQL server). Anything that tries to reach the internet fails loudly.
 */
import net from "node:net";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
export const blockedAttempts: string[] = [];

globalThis.fetch = async (input: string | URL | Request) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  blockedAttempts.push(url);
  throw new Error(`Network blocked in this test: fetch ${url}`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const options = typeof first === "object" && first !== null ? (first as { host?: string; path?: string }) : { host: typeof args[1] === "string" ? args[1] : "localhost" };
  if (!options.path && options.host && !LOOPBACK.has(options.host)) {
    blockedAttempts.push(options.host);
    throw new Error(`Network blocked in this test: connect to ${options.host}`);
  }
  // Same arguments, untouched: only the destination was checked.
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
