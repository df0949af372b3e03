// `npm start`: build when the build is missing or older than the sources (npm install built it), then serve it.
import { buildIfStale } from "./build-if-stale.mjs";

try {
  buildIfStale();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

process.env.NODE_ENV = "production";
// Whether mail goes to the local mailbox, and whether the demo is seeded, is decided by app/config.server.ts:
// by itself only for the embedded database on a loopback HOST (SECURITY.md, deployment checklist).
await import("../server.mjs");
