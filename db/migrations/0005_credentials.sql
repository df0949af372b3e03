CREATE TABLE "credential_status_lists" (
	"id" integer PRIMARY KEY NOT NULL,
	"encoded_list" text NOT NULL,
	"next_index" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"accreditation_id" uuid NOT NULL,
	"status_list_index" integer NOT NULL,
	"key_id" text NOT NULL,
	"document" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text
);
--> statement-breakpoint
CREATE TABLE "issuer_keys" (
	"public_key_multibase" text PRIMARY KEY NOT NULL,
	"first_used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_log_checkpoints" (
	"size" integer PRIMARY KEY NOT NULL,
	"head_hash" text NOT NULL,
	"signed_at" text NOT NULL,
	"verification_method" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_log_entries" (
	"seq" integer PRIMARY KEY NOT NULL,
	"occurred_at" text NOT NULL,
	"event" text NOT NULL,
	"certificate_number" text NOT NULL,
	"data" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_accreditation_id_accreditations_id_fk" FOREIGN KEY ("accreditation_id") REFERENCES "public"."accreditations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_status_index_idx" ON "credentials" USING btree ("status_list_index");--> statement-breakpoint
CREATE INDEX "credentials_accreditation_idx" ON "credentials" USING btree ("accreditation_id");--> statement-breakpoint
CREATE INDEX "public_log_certificate_idx" ON "public_log_entries" USING btree ("certificate_number","event");