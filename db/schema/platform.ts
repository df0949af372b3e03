import { bigserial, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { OUTBOX_STATUSES } from "./types";
import { createdAt, hashChainColumns, ts, uuidPk } from "./columns";

/** Append-only, hash-chained: hash = SHA-256(prev_hash ‖ canonical JSON of the event). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    occurredAt: ts("occurred_at").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    ...hashChainColumns(),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_actor_idx").on(t.actorId),
  ],
);

/** Transactional outbox: written in the same transaction as the change that caused the email. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuidPk(),
    template: text("template").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    props: jsonb("props").$type<Record<string, unknown>>().notNull(),
    /** Also sent to Resend as its Idempotency-Key; unique so a reminder is enqueued at most once. */
    idempotencyKey: text("idempotency_key").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    createdAt: createdAt(),
    sentAt: ts("sent_at"),
  },
  (t) => [
    uniqueIndex("email_outbox_idempotency_idx").on(t.idempotencyKey),
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** Local mailbox used instead of Resend when no API key is configured (development, tests, demo). */
export const mailboxMessages = pgTable(
  "mailbox_messages",
  {
    id: uuidPk(),
    outboxId: uuid("outbox_id"),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("mailbox_to_idx").on(t.to)],
);

