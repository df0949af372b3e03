/**
 * Blocks the network for the test file that imports it: fetch always fails, and a socket may only open to
 * the loopback interface (the test PostgreSQL server). Anything that tries to reach the internet fails loudly.
 * Test processes are reused across files (decision 030), so the block is installed before this file's tests
 * and removed after them.
 */
import net from "node:net";
import { afterAll, beforeAll } from "vitest";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
export const blockedAttempts: string[] = [];

const realFetch = globalThis.fetch;
const realConnect = net.Socket.prototype.connect;

const blockedFetch = async (input: string | URL | Request) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  blockedAttempts.push(url);
  throw new Error(`Network blocked in this test: fetch ${url}`);
};

const loopbackOnlyConnect = function (this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const options = typeof first === "object" && first !== null ? (first as { host?: string; path?: string }) : { host: typeof args[1] === "string" ? args[1] : "localhost" };
  if (!options.path && options.host && !LOOPBACK.has(options.host)) {
    blockedAttempts.push(options.host);
    throw new Error(`Network blocked in this test: connect to ${options.host}`);
  }
  // Same arguments, untouched: only the destination was checked.
  return (realConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

/** Call at the top of a test file: the network is blocked for that file's tests only. */
export function blockNetwork() {
  beforeAll(() => {
    globalThis.fetch = blockedFetch;
    net.Socket.prototype.connect = loopbackOnlyConnect;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
    net.Socket.prototype.connect = realConnect;
  });
}
