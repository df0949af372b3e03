ALTER TABLE "competencies" ADD COLUMN "source_identifier" uuid;--> statement-breakpoint
ALTER TABLE "competencies" ADD COLUMN "path" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "frameworks" ADD COLUMN "source_identifier" uuid;