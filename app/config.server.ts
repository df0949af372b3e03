import path from "node:path";
import { z } from "zod";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    /** Public origin, used in emails and JSON-LD. Defaults to the local server. */
    APP_URL: z.string().url().optional(),
    DATABASE_URL: z
      .string()
      .url()
      .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// or postgresql:// URL")
      .optional(),
    /**
     * Connections of the web process's pool to DATABASE_URL (decision 062). Fewer than postgres.js's 10 let a page's
     * statements share a busy connection (one write, one wake-up of its backend) instead of waking an idle one each.
     */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(4),
    DATA_DIR: z.string().min(1).default(".data"),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).default("Rust Training Accreditation <accreditation@example.org>"),
    /**
     * Deliver mail to the local mailbox at /dev/mailbox instead of Resend. In production it is on by itself only
     * for the embedded demo on a loopback address; anywhere else only when asked (see `isLoopbackHost`).
     */
    DEV_MAILBOX: z.enum(["on", "off"]).optional(),
    /** Seed the demo (accounts with a published password) into an empty database; unset: only on a loopback address or outside production. */
    SEED: z.enum(["auto", "off"]).optional(),
    EMAIL_WORKER: z.enum(["on", "off"]).default("on"),
    MIN_ACCEPTED_REVIEWERS: z.coerce.number().int().min(1).default(2),
    BOARD_QUORUM: z.coerce.number().int().min(1).default(3),
    ACCREDITATION_YEARS: z.coerce.number().int().min(1).max(10).default(3),
    /** Days after a rejection, suspension or revocation within which the provider may appeal it (ISO/IEC 17011 7.13). */
    APPEAL_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Days a provider has to complete the re-mapping task opened when a new framework version is published (decision 037). */
    REMAP_DEADLINE_DAYS: z.coerce.number().int().min(1).max(365).default(60),
    /** The origin's cache of anonymous public directory pages (app/services/page-cache.server.ts). */
    PAGE_CACHE: z.enum(["on", "off"]).default("on"),
    /** Fees shown on /how-it-works (not secrets; a foundation sets its own). Whole units of FEE_CURRENCY. */
    FEE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR").default("EUR"),
    FEE_APPLICATION: z.coerce.number().int().min(0).default(1200),
    FEE_PER_COURSE: z.coerce.number().int().min(0).default(150),
    FEE_RENEWAL: z.coerce.number().int().min(0).default(800),
    /**
     * The issuer's Ed25519 signing key (a secret): the `secretKeyMultibase` printed by `npm run issuer:key`.
     * Only the embedded demo may go without it (it generates one into DATA_DIR); see decision 018.
     */
    ISSUER_KEY: z
      .string()
      .regex(/^z[1-9A-HJ-NP-Za-km-z]{80,100}$/, "must be an Ed25519 secretKeyMultibase (z…), as printed by `npm run issuer:key`")
      .optional(),
  })
  .refine((env) => env.ISSUER_KEY || !env.DATABASE_URL, {
    path: ["ISSUER_KEY"],
    message: "is required with DATABASE_URL (credentials are signed with it): create one with `npm run issuer:key`",
  })
  .refine((env) => env.NODE_ENV !== "production" || env.RESEND_API_KEY || mailboxOn(env), {
    path: ["RESEND_API_KEY"],
    message:
      "is required in production (or set DEV_MAILBOX=on to keep mail in the local mailbox; only the embedded demo on a loopback HOST has it on by itself, see SECURITY.md)",
  })
  .transform((env) => ({
    ...env,
    SEED: env.SEED ?? (env.NODE_ENV !== "production" || isLoopbackHost(env.HOST) ? "auto" : "off"),
    isProduction: env.NODE_ENV === "production",
    mailboxEnabled: !env.RESEND_API_KEY && mailboxOn(env),
    // By default the same origin the server prints (HOST, not "localhost"): cookies are per host, so an email link to
    // localhost would land a person who signed up on 127.0.0.1 logged out.
    appUrl: (env.APP_URL ?? `http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT}`).replace(/\/$/, ""),
    dataDir: env.DATA_DIR.startsWith("memory://") ? env.DATA_DIR : path.resolve(env.DATA_DIR),
  }));

export type Config = z.infer<typeof schema>;

/** 127.0.0.0/8, ::1 and localhost: an address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * The embedded demo (`npm start`, no DATABASE_URL, no Resend) on a loopback address keeps its mail in the local
 * mailbox without being asked. On any other address it must be asked for: a public demo is an explicit choice.
 */
function mailboxOn(env: { NODE_ENV: string; HOST: string; DATABASE_URL?: string; DEV_MAILBOX?: "on" | "off" }): boolean {
  if (env.DEV_MAILBOX) return env.DEV_MAILBOX === "on";
  return env.NODE_ENV !== "production" || (!env.DATABASE_URL && isLoopbackHost(env.HOST));
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings in the environment mean "unset".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Config | undefined;
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
