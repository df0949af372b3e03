import { afterEach, beforeEach } from "vitest";
import postgres from "postgres";
import "./setup-unit";

// Before anything imports the database module: pick this worker's own database.
process.env.NODE_ENV = "test";
process.env.SEED = "off";
process.env.EMAIL_WORKER = "off";
delete process.env.RESEND_API_KEY;
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) {
  const name = `portal_test_${process.env.VITEST_POOL_ID ?? "0"}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) {
    try {
      await admin.unsafe(`create database ${name}`);
    } catch (error) {
      // Another worker created it between the check and the create.
      if (!(error instanceof Error && /already exists/.test(error.message))) throw error;
    }
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  // With DATABASE_URL the issuer key is required (no fallback): tests sign with a throwaway one.
  if (!process.env.ISSUER_KEY) {
    const { generate } = await import("@digitalbazaar/ed25519-multikey");
    process.env.ISSUER_KEY = (await (await generate()).export({ secretKey: true })).secretKeyMultibase;
  }
} else {
  process.env.DATA_DIR = "memory://";
}

const { db } = await import("~/services/db.server");
const { truncateAll } = await import("../../db/client.server");
const { setClock } = await import("~/services/clock.server");

beforeEach(async () => {
  await truncateAll(db);
});

afterEach(() => {
  setClock(undefined);
});
